// The career events the command API records, and the fields of each (the API's contract; see
// the command service's OpenAPI document). The record form is built from this list.
import { humanize, OUTCOMES, PMO_TYPES, SKILLS } from './ui.js';

const options = (map) => Object.entries(map).map(([value, label]) => ({ value, label }));

// ---- a PMO role's delivery responsibility, in words -------------------------------------------

/** The values of a PMO role's deliveryResponsibility, as the forms offer them. */
export const DELIVERY_RESPONSIBILITY = { NONE: 'None', PARTIAL: 'Partial', FULL: 'Full' };

/**
 * "partial delivery responsibility" and the like. Takes the former true/false as well (true was the
 * full responsibility), so that nothing older on the page reads wrong.
 */
export function deliveryWords(value) {
  const level = value === true ? 'FULL' : value === false || value == null ? 'NONE' : value;
  return level === 'NONE' ? 'no delivery responsibility' : `${(DELIVERY_RESPONSIBILITY[level] || humanize(level)).toLowerCase()} delivery responsibility`;
}

/** Whether a PMO role keeps any delivery responsibility (PARTIAL or FULL). */
export function keepsDelivery(value) {
  return value === true || value === 'PARTIAL' || value === 'FULL';
}

export const EVENT_TYPES = [
  {
    type: 'DELIVERY_ROLE_STARTED', group: 'Assignments', label: 'Started a delivery role',
    fields: [{ name: 'projectName', label: 'Project', kind: 'text', required: true, max: 200 }],
  },
  {
    type: 'JOINED_PMO', group: 'Assignments', label: 'Joined a PMO',
    fields: [
      { name: 'pmoType', label: 'PMO type', kind: 'select', required: true, options: options(PMO_TYPES),
        hint: 'Program: program management; organizational: process, methodology, audits; executive: the top projects.' },
      { name: 'pmoName', label: 'PMO name', kind: 'text', max: 200 },
      { name: 'deliveryResponsibility', label: 'Delivery responsibility', kind: 'select', initial: 'NONE',
        options: options(DELIVERY_RESPONSIBILITY),
        hint: 'How much of the projects\' delivery the role answers for: none (a staff role), partial (some of the projects, '
          + 'or shared with their managers), full (the project managers report into the PMO).' },
    ],
  },
  {
    type: 'TOOK_TROUBLED_PROGRAM', group: 'Assignments', label: 'Took over a troubled program',
    fields: [{ name: 'programName', label: 'Program', kind: 'text', required: true, max: 200 }],
  },
  {
    type: 'REGAINED_DELIVERY_ROLE', group: 'Assignments', label: 'Returned to a delivery role',
    fields: [{ name: 'projectName', label: 'Project', kind: 'text', required: true, max: 200 }],
  },
  {
    type: 'ASSIGNMENT_ENDED', group: 'Assignments', label: 'The current assignment ended',
    fields: [{ name: 'outcome', label: 'Outcome', kind: 'select', options: options(OUTCOMES),
      hint: 'A troubled program needs one (rescued, cancelled, handed over); other roles end completed or without one.' }],
  },
  {
    type: 'ADMINISTRATIVE_LOAD_RECORDED', group: 'Observations', label: 'Administrative load',
    fields: [{ name: 'percentOfTime', label: 'Share of time on administrative work (%)', kind: 'number', required: true, min: 0, max: 100 }],
  },
  {
    type: 'PMO_PREFERENCE_STATED', group: 'Preferences', label: 'Stated a PMO preference',
    fields: [{ name: 'willing', label: 'Willing to join a PMO', kind: 'select', required: true, boolean: true,
      options: [{ value: 'false', label: 'No, would rather not' }, { value: 'true', label: 'Yes, open to it' }],
      hint: 'From the date on, until they say otherwise. Plans keep someone unwilling out of PMO seats unless nothing else works.' }],
  },
  {
    type: 'SKILL_ASSESSED', group: 'Observations', label: 'A skill was assessed',
    fields: [
      { name: 'skill', label: 'Skill', kind: 'select', required: true, options: options(SKILLS) },
      { name: 'level', label: 'Level', kind: 'select', required: true, number: true,
        options: [
          { value: '1', label: '1 · aware' }, { value: '2', label: '2 · working knowledge' },
          { value: '3', label: '3 · practitioner' }, { value: '4', label: '4 · advanced' }, { value: '5', label: '5 · expert' },
        ] },
      { name: 'assessor', label: 'Assessed by', kind: 'text', max: 200, hint: 'Empty: whoever records it.' },
    ],
  },
  {
    type: 'TEAM_CHANGED', group: 'Team', label: 'Moved to another team or manager',
    fields: [
      { name: 'teamId', label: 'Team', kind: 'text', required: true, max: 100 },
      { name: 'managerId', label: 'Manager', kind: 'text', max: 100 },
    ],
  },
  {
    type: 'EVENT_RETRACTED', group: 'Corrections', label: 'Retract an event recorded by mistake',
    fields: [
      { name: 'eventId', label: 'Event to retract', kind: 'select', required: true, options: [], dynamic: 'entries' },
      { name: 'reason', label: 'Why', kind: 'textarea', required: true, max: 1000 },
    ],
  },
];

export const eventType = (type) => EVENT_TYPES.find((t) => t.type === type);

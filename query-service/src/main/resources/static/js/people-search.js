// Find a person by name: the search box in every page's header, and on the start page. A WAI-ARIA 1.2
// combobox (an input with a listbox popup): from two letters it asks GET /api/people?q= (debounced), lists
// name, team and current role; ArrowDown/ArrowUp move through the list, Enter opens the highlighted person's
// career, Escape closes the list (and, pressed again, clears the box). A pasted person id opens that career.
import * as api from './api.js';
import { el, formatDate, kindLabel, pageUrl, rememberPerson, teamWords } from './ui.js';

const PERSON_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEBOUNCE_MS = 150;

/** The longest word typed, accents aside, as the API counts letters: it needs a word of two. */
function longestWord(text) {
  return Math.max(0, ...text.normalize('NFD').replace(/\p{M}/gu, '').replace(/['’ʼ`]/g, '')
    .split(/[^\p{L}\p{N}]+/u).map((word) => word.length));
}

/** "Program PMO since 1 Mar 2021", or why there is none. */
function roleWords(current) {
  if (!current) return 'no current role';
  return `${kindLabel(current.kind, current.pmoType)} since ${formatDate(current.since)}`;
}

/**
 * The search box, ready to place.
 *
 * @param id          prefix of its elements' ids (two on one page need two prefixes)
 * @param label       its accessible name (and visible label unless labelHidden)
 * @param labelHidden whether the label is for screen readers only (the header's: the placeholder says it)
 * @param hint        a visible hint under the box, if any
 */
// landmark: the search region's name; the header's and the start page's boxes are both on the start page, and two
// landmarks of one role need different names
export function peopleSearch({
  id = 'people-search', label = 'Find a person', labelHidden = true, hint = '', landmark = label,
} = {}) {
  const listId = `${id}-list`;
  const noteId = `${id}-note`;
  const hintId = hint ? `${id}-hint` : null;
  const input = el('input', {
    id: `${id}-input`, type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': listId, 'aria-describedby': [noteId, hintId].filter(Boolean).join(' '), autocomplete: 'off',
    spellcheck: 'false', autocapitalize: 'off', placeholder: 'Find a person by name', maxlength: '100',
  });
  const list = el('ul', { id: listId, role: 'listbox', class: 'people-search-list', 'aria-label': 'People found', hidden: true });
  const note = el('p', { id: noteId, class: 'people-search-note', role: 'status', 'aria-live': 'polite' });
  const box = el('div', { class: `people-search${labelHidden ? '' : ' labelled'}`, id, role: 'search', 'aria-label': landmark },
    el('label', { for: input.id, class: labelHidden ? 'visually-hidden' : 'people-search-label' }, label),
    input, list, note, hint ? el('span', { class: 'hint', id: hintId }, hint) : null);

  let people = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  const setNote = (text) => { note.textContent = text; };

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index) {
    const options = list.querySelectorAll('[role=option]');
    if (!options.length) return;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = (index + options.length) % options.length;
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    input.setAttribute('aria-activedescendant', options[active].id);
    options[active].scrollIntoView({ block: 'nearest' });
  }

  function open(person) {
    rememberPerson({ id: person.personId, name: person.displayName, teamId: person.teamId, teamName: person.teamName });
    window.location.href = pageUrl('career.html', { person: person.personId });
  }

  function show(found, more, query) {
    people = found;
    active = -1;
    list.replaceChildren(...found.map((person, i) => el('li', {
      id: `${id}-option-${i}`, role: 'option', 'aria-selected': 'false', class: 'people-search-option',
      'data-person-id': person.personId,
      // mousedown, not click: the input keeps the focus (and the list stays) until the career opens
      onmousedown: (event) => { event.preventDefault(); open(person); },
    }, el('span', { class: 'name' }, person.displayName),
    el('span', { class: 'detail' }, `${person.teamId ? teamWords(person.teamId, person.teamName) : 'no team'} · ${roleWords(person.currentAssignment)}`))));
    if (!found.length) {
      close();
      setNote(`No one found for “${query}”.`);
      return;
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    input.removeAttribute('aria-activedescendant');
    const count = found.length === 1 ? '1 person found' : `${found.length} people found`;
    setNote(more ? `${count}; more match: type more letters.` : `${count}. Arrow keys to choose, Enter to open.`);
  }

  async function search(query) {
    const mine = ++asked;
    try {
      const answer = await api.findPeople(query);
      if (mine === asked) show(answer.people, answer.more, query);
    } catch (e) {
      if (mine !== asked) return;
      close();
      setNote(e.status === 503 ? 'Search is not available right now.' : (e.message || 'The search failed.'));
    }
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const query = input.value.trim();
    asked++; // an answer still on its way is for an older text
    if (PERSON_ID.test(query)) {
      close();
      setNote('A person id: press Enter to open their career.');
    } else if (longestWord(query) < 2) {
      close();
      list.replaceChildren();
      people = [];
      setNote(query ? 'Type at least two letters of a name.' : '');
    } else {
      timer = window.setTimeout(() => search(query), DEBOUNCE_MS);
    }
  });

  input.addEventListener('keydown', (event) => {
    const query = input.value.trim();
    switch (event.key) {
      case 'ArrowDown':
        if (people.length) { event.preventDefault(); highlight(list.hidden ? 0 : active + 1); }
        break;
      case 'ArrowUp':
        if (people.length) { event.preventDefault(); highlight(list.hidden ? people.length - 1 : active - 1); }
        break;
      case 'Enter':
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          open(people[active]);
        } else if (PERSON_ID.test(query)) {
          event.preventDefault();
          window.location.href = pageUrl('career.html', { person: query.toLowerCase() });
        } else if (!list.hidden && people.length === 1) {
          event.preventDefault();
          open(people[0]);
        }
        break;
      case 'Escape':
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = '';
          people = [];
          list.replaceChildren();
          setNote('');
        }
        break;
      default:
    }
  });

  // the list closes when the focus leaves the box (Tab, a click elsewhere)
  box.addEventListener('focusout', (event) => {
    if (!box.contains(event.relatedTarget)) close();
  });
  input.addEventListener('focus', () => {
    if (people.length && input.value.trim()) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
  });
  return box;
}

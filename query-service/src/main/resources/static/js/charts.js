// The charts, drawn with Apache ECharts (served from the platform's own WebJar; loaded as a classic
// script that defines the global `echarts`). Colours come from the Okabe–Ito palette and every
// kind also has its own pattern and words, so nothing depends on telling colours apart.
import { formatDate, kindLabel, OUTCOMES, percent, skillLabel, humanize, teamWords } from './ui.js';
import { deliveryWords, keepsDelivery } from './events.js';

const echarts = window.echarts;
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
const FONT = 'system-ui, "DejaVu Sans", sans-serif';
const DAY = 24 * 60 * 60 * 1000;

// ---- assignment kinds: colour + pattern + words ----------------------------------------------

export const KIND_STYLES = {
  DELIVERY: { color: '#0072B2', pattern: 'solid', label: 'Delivery' },
  PMO_PROGRAM: { color: '#E69F00', pattern: 'diagonal', label: 'Program PMO' },
  PMO_ORGANIZATIONAL: { color: '#F0E442', pattern: 'horizontal', label: 'Organizational PMO' },
  PMO_EXECUTIVE: { color: '#CC79A7', pattern: 'dots', label: 'Executive PMO' },
  TROUBLED_PROGRAM: { color: '#D55E00', pattern: 'crosshatch', label: 'Troubled program' },
};

export function kindKey(kind, pmoType) {
  return kind === 'PMO' ? `PMO_${pmoType}` : kind;
}

const patternCache = new Map();

/** A small tile of the kind's pattern over its colour; usable as a canvas fill and as a CSS background. */
export function patternCanvas(key) {
  if (patternCache.has(key)) return patternCache.get(key);
  const style = KIND_STYLES[key] || { color: '#999999', pattern: 'solid' };
  const size = 10;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const g = canvas.getContext('2d');
  g.fillStyle = style.color;
  g.fillRect(0, 0, size, size);
  g.strokeStyle = 'rgba(0,0,0,0.55)';
  g.fillStyle = 'rgba(0,0,0,0.55)';
  g.lineWidth = 1.5;
  g.beginPath();
  switch (style.pattern) {
    case 'diagonal':
      g.moveTo(0, size); g.lineTo(size, 0);
      g.moveTo(-size / 2, size / 2); g.lineTo(size / 2, -size / 2);
      g.moveTo(size / 2, size * 1.5); g.lineTo(size * 1.5, size / 2);
      g.stroke();
      break;
    case 'horizontal':
      g.moveTo(0, size / 2); g.lineTo(size, size / 2);
      g.stroke();
      break;
    case 'dots':
      g.arc(size / 2, size / 2, 1.8, 0, Math.PI * 2);
      g.fill();
      break;
    case 'crosshatch':
      g.moveTo(0, 0); g.lineTo(size, size);
      g.moveTo(size, 0); g.lineTo(0, size);
      g.stroke();
      break;
    default:
      break;
  }
  patternCache.set(key, canvas);
  return canvas;
}

const fillFor = (key) => {
  const style = KIND_STYLES[key];
  return !style || style.pattern === 'solid' ? (style?.color || '#999') : { image: patternCanvas(key), repeat: 'repeat' };
};

/** <ul class="legend"> with a swatch (same colour and pattern as the chart) and the words for each kind. */
export function kindLegend(keys = Object.keys(KIND_STYLES)) {
  const list = document.createElement('ul');
  list.className = 'legend';
  list.setAttribute('aria-label', 'Kinds of assignment');
  for (const key of keys) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.setAttribute('aria-hidden', 'true');
    swatch.style.backgroundImage = `url(${patternCanvas(key).toDataURL()})`;
    item.append(swatch, KIND_STYLES[key].label);
    list.append(item);
  }
  const outcome = document.createElement('li');
  outcome.textContent = '▌✔/✖ outcome of a program at its end · ↺ a return to delivery · + delivery: PMO role with delivery responsibility';
  list.append(outcome);
  return list;
}

// ---- chart instances -----------------------------------------------------------------------

const observed = new WeakSet();
const containers = new Set();

function chartFor(container) {
  let chart = echarts.getInstanceByDom(container);
  if (!chart) {
    chart = echarts.init(container, null, { renderer: 'canvas' });
    containers.add(container);
    if (!observed.has(container) && 'ResizeObserver' in window) {
      new ResizeObserver(() => chart.resize()).observe(container);
      observed.add(container);
    }
  }
  return chart;
}

/** Every chart drawn at its container's present size (the printed page's width when printing). */
export function resizeCharts() {
  for (const container of containers) {
    if (!container.isConnected) { containers.delete(container); continue; }
    echarts.getInstanceByDom(container)?.resize();
  }
}

// printing: the print stylesheet changes the charts' widths and heights, so each chart is drawn again for the
// printed page, and again for the screen afterwards
window.addEventListener('beforeprint', resizeCharts);
window.addEventListener('afterprint', resizeCharts);
window.matchMedia?.('print').addEventListener?.('change', resizeCharts);

/** A narrow chart (a phone): legends and labels are laid out to fit. */
const narrow = (container) => (container.clientWidth || 600) < 560;

/**
 * The height a plain horizontal ECharts legend takes when its items wrap to the chart's width: measured
 * the way ECharts lays them out (symbol, 5 px, text; 10 px between items and between rows).
 */
function legendHeight(labels, width, { fontSize = 12, itemWidth = 25, itemGap = 10, padding = 5 } = {}) {
  const g = document.createElement('canvas').getContext('2d');
  g.font = `${fontSize}px ${FONT}`;
  const room = Math.max(80, width - 2 * padding);
  let rows = labels.length ? 1 : 0;
  let x = 0;
  for (const label of labels) {
    const item = itemWidth + 5 + Math.ceil(g.measureText(label).width);
    if (x > 0 && x + item > room) { rows += 1; x = 0; }
    x += item + itemGap;
  }
  const line = Math.max(14, Math.ceil(fontSize * 1.25));
  return rows ? 2 * padding + rows * line + (rows - 1) * itemGap : 0;
}

const base = (description) => ({
  animation: !reducedMotion,
  animationDuration: 400,
  textStyle: { fontFamily: FONT },
  aria: { enabled: true, label: { description } },
});

/**
 * Room for the longest lane name (bold 12px), so no label is cut at the chart's edge; when that is more
 * than `max` (a narrow screen), room for the longest word, and the names wrap onto more lines (laneLabel).
 */
function laneRoom(lanes, max = 170) {
  const g = document.createElement('canvas').getContext('2d');
  g.font = `600 12px ${FONT}`;
  const widest = Math.max(40, ...lanes.map((lane) => g.measureText(lane).width));
  const longestWord = Math.max(0, ...lanes.flatMap((lane) => lane.split(/\s+/)).map((word) => g.measureText(word).width));
  return Math.max(Math.min(max, Math.ceil(widest) + 18), Math.min(140, Math.ceil(longestWord) + 18));
}

/** The lanes' names: wrapped at spaces when they do not fit on one line, never cut. */
const laneLabel = (room) => ({ fontWeight: 600, color: '#1b1f24', width: room - 14, overflow: 'break', lineHeight: 14 });

const toTime = (iso) => new Date(`${String(iso).slice(0, 10)}T00:00:00Z`).getTime();

// ---- timelines (custom series on a time axis) -------------------------------------------

function outcomeWords(outcome) {
  if (!outcome) return '';
  const mark = outcome === 'CANCELLED' ? '✖' : outcome === 'HANDED_OVER' ? '➜' : '✔';
  return `${mark} ${OUTCOMES[outcome] || humanize(outcome)}`;
}

function assignmentWords(a) {
  const parts = [kindLabel(a.kind, a.pmoType)];
  if (a.name) parts.push(a.name);
  return parts.join(': ');
}

function barLabel(a) {
  let text = a.name || kindLabel(a.kind, a.pmoType);
  if (a.planned) text = `planned: ${text}`;
  if (a.regained) text = `↺ ${text}`;
  if (a.kind === 'PMO' && keepsDelivery(a.deliveryResponsibility)) {
    text += a.deliveryResponsibility === 'PARTIAL' ? ' + some delivery' : ' + delivery';
  }
  return text;
}

function assignmentTooltip(a, person) {
  const lines = [];
  if (person) lines.push(`<strong>${escapeHtml(person)}</strong>`);
  lines.push(`<strong>${escapeHtml(assignmentWords(a))}</strong>`);
  if (a.planned) lines.push('planned');
  lines.push(`${formatDate(a.start)} – ${a.ongoing ? 'ongoing' : formatDate(a.end)} (${a.durationMonths} months)`);
  if (a.regained) lines.push('a return to delivery');
  if (a.kind === 'PMO') lines.push(deliveryWords(a.deliveryResponsibility));
  if (a.outcome) lines.push(`outcome: ${outcomeWords(a.outcome)}`);
  return lines.join('<br>');
}

function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** renderItem of the assignment bars: the bar (colour + pattern), its words, an outcome at its end. */
function renderAssignment(items) {
  return (params, api) => {
    const item = items[params.dataIndex];
    const lane = api.value(0);
    const start = api.coord([api.value(1), lane]);
    const end = api.coord([api.value(2), lane]);
    const height = Math.min(28, api.size([0, 1])[1] * 0.62);
    const coordSys = params.coordSys;
    const shape = echarts.graphic.clipRectByRect(
      { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 3), height },
      { x: coordSys.x, y: coordSys.y, width: coordSys.width, height: coordSys.height });
    if (!shape) return null;
    const key = kindKey(item.kind, item.pmoType);
    // a planned role: paler, with a dashed outline, so that it reads apart from the recorded ones beside it
    const children = [{
      type: 'rect', shape, style: item.planned
        ? { fill: fillFor(key), stroke: '#1b1f24', lineWidth: 2, lineDash: [6, 4], opacity: 0.55 }
        : { fill: fillFor(key), stroke: '#1b1f24', lineWidth: 1 },
    }];
    if (item.kind === 'PMO' && keepsDelivery(item.deliveryResponsibility)) {
      // a band of the delivery colour along the bottom: solid for the full responsibility, dashed for a partial one
      // (the bar's words say which as well)
      const band = { x: shape.x, y: shape.y + shape.height - 5, width: shape.width, height: 5 };
      if (item.deliveryResponsibility === 'PARTIAL') {
        for (let x = band.x; x < band.x + band.width; x += 10) {
          children.push({ type: 'rect', shape: { ...band, x, width: Math.min(6, band.x + band.width - x) },
            style: { fill: KIND_STYLES.DELIVERY.color } });
        }
      } else {
        children.push({ type: 'rect', shape: band, style: { fill: KIND_STYLES.DELIVERY.color } });
      }
    }
    if (item.ongoing && shape.width > 12) {
      const x = shape.x + shape.width;
      const y = shape.y + shape.height / 2;
      children.push({ type: 'polygon', shape: { points: [[x, y - 7], [x + 8, y], [x, y + 7]] },
        style: { fill: '#1b1f24' } });
    }
    const label = barLabel(item);
    const outcome = outcomeWords(item.outcome);
    const room = shape.width - 8;
    if (item.outcome) {
      children.push({ type: 'rect', shape: { x: shape.x + shape.width - 4, y: shape.y - 3, width: 4, height: shape.height + 6 },
        style: { fill: '#1b1f24' } });
    }
    const text = room > 40 ? fit(`${label}${outcome ? `  ${outcome}` : ''}`, room) : '';
    if (text) {
      children.push({
        type: 'text',
        style: { text, x: shape.x + 5, y: shape.y + shape.height / 2, verticalAlign: 'middle', fill: '#000',
          font: `12px ${FONT}`, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3], borderRadius: 2 },
      });
    }
    return { type: 'group', children };
  };
}

/** Cuts a label to roughly fit a width in pixels (12px text). */
function fit(text, width) {
  const max = Math.floor(width / 6.6);
  return text.length <= max ? text : (max > 4 ? `${text.slice(0, max - 1)}…` : '');
}

const EVENT_SYMBOLS = {
  PERSON_REGISTERED: 'pin', SKILL_ASSESSED: 'diamond', ADMINISTRATIVE_LOAD_RECORDED: 'rect', TEAM_CHANGED: 'triangle',
  ASSIGNMENT_ENDED: 'roundRect', PMO_PREFERENCE_STATED: 'arrow',
};

function eventWords(entry) {
  const d = entry.details || {};
  switch (entry.type) {
    case 'PERSON_REGISTERED': return `Registered in ${d.teamId ? `team ${teamWords(d.teamId, d.teamName)}` : 'a team'}`;
    case 'JOINED_PMO': return `Joined ${d.pmoName || 'a'} (${kindLabel('PMO', d.pmoType)})`
      + `${keepsDelivery(d.deliveryResponsibility) ? `, ${deliveryWords(d.deliveryResponsibility)}` : ''}`;
    case 'DELIVERY_ROLE_STARTED': return `Started delivery: ${d.projectName || ''}`;
    case 'REGAINED_DELIVERY_ROLE': return `Returned to delivery: ${d.projectName || ''}`;
    case 'TOOK_TROUBLED_PROGRAM': return `Took troubled program: ${d.programName || ''}`;
    case 'ASSIGNMENT_ENDED': return `${d.assignmentKind ? `${kindLabel(d.assignmentKind)} role` : 'Assignment'} ended`
      + `${d.outcome ? `: ${outcomeWords(d.outcome)}` : ''}${d.supersededBy ? ' (the next role began)' : ''}`;
    case 'ADMINISTRATIVE_LOAD_RECORDED': return `Administrative load ${d.percentOfTime} %`;
    case 'PMO_PREFERENCE_STATED': return d.willing ? 'Open to a PMO role' : 'Would rather not join a PMO';
    case 'SKILL_ASSESSED': return `${skillLabel(d.skill)} assessed at level ${d.level}`;
    case 'TEAM_CHANGED': return `Moved to ${d.teamId ? `team ${teamWords(d.teamId, d.teamName)}` : 'a team'}${d.managerId ? ', with a new manager' : ''}`;
    default: return humanize(entry.type);
  }
}

export { eventWords };

/**
 * One person's career: a lane per kind of assignment plus a lane with every recorded event.
 * @param timeline the query API's timeline answer
 */
export function drawCareerTimeline(container, timeline) {
  const lanes = ['Delivery', 'PMO', 'Troubled program', 'Recorded events'];
  const laneOf = { DELIVERY: 0, PMO: 1, TROUBLED_PROGRAM: 2 };
  const asOf = toTime(timeline.asOf);
  const assignments = timeline.assignments || [];
  const entries = timeline.entries || [];
  const bars = assignments.map((a) => ({ ...a, value: [laneOf[a.kind] ?? 0, toTime(a.start), a.ongoing ? asOf : toTime(a.end)] }));
  const points = entries.map((e) => ({
    ...e,
    value: [toTime(e.effectiveDate), 3],
    symbol: EVENT_SYMBOLS[e.type] || 'circle',
  }));
  // at least a year, so that a short history still reads as months, not as days of one month
  const first = Math.min(asOf - 365 * DAY, ...bars.map((b) => b.value[1]), ...points.map((p) => p.value[0]));
  const span = asOf - first;
  const description = assignments.length
    ? `Timeline of ${timeline.displayName || 'the person'}: ${assignments.map((a) =>
      `${assignmentWords(a)} from ${formatDate(a.start)} ${a.ongoing ? 'ongoing' : `to ${formatDate(a.end)}`}${a.outcome ? `, ${OUTCOMES[a.outcome] || a.outcome}` : ''}`).join('; ')}.`
    : 'No assignments recorded yet.';

  const room = laneRoom(lanes, Math.max(70, (container.clientWidth || 600) * 0.3));
  chartFor(container).setOption({
    ...base(description),
    grid: { left: room, right: 40, top: 30, bottom: 30 },
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (p) => (p.seriesIndex === 0 ? assignmentTooltip(bars[p.dataIndex])
        : `<strong>${escapeHtml(eventWords(points[p.dataIndex]))}</strong><br>${formatDate(points[p.dataIndex].effectiveDate)}`),
    },
    xAxis: { type: 'time', min: first - span * 0.03, max: asOf + span * 0.04, axisLabel: { hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: '#e3e6ea' } } },
    yAxis: { type: 'category', data: lanes, inverse: true, axisTick: { show: false },
      axisLabel: laneLabel(room) },
    series: [
      { type: 'custom', name: 'Assignments', renderItem: renderAssignment(bars), encode: { x: [1, 2], y: 0 },
        data: bars.map((b) => ({ value: b.value, name: assignmentWords(b) })), clip: true },
      { type: 'scatter', name: 'Recorded events', symbolSize: 11,
        itemStyle: { color: '#009E73', borderColor: '#1b1f24', borderWidth: 1 },
        data: points.map((p) => ({ value: p.value, symbol: p.symbol, name: eventWords(p) })),
        markLine: asOfLine(timeline.asOf, 'start') },
    ],
  }, { notMerge: true });
}

/** The dotted "as of" line; its label at the top (position 'start' on the timelines, whose y axis is inverted). */
function asOfLine(iso, position = 'end') {
  return {
    silent: true, symbol: 'none',
    lineStyle: { color: '#1b1f24', type: 'dotted', width: 1.5 },
    label: { formatter: `as of ${formatDate(iso)}`, position, fontSize: 11, color: '#1b1f24' },
    data: [{ xAxis: toTime(iso) }],
  };
}

/**
 * Everyone in a team on one timeline: a lane per member.
 * @param members [{displayName, timeline}] in the board's order
 */
export function drawTeamTimeline(container, members, asOfIso) {
  const asOf = toTime(asOfIso);
  const names = members.map((m) => m.displayName || m.personId);
  // two people of the same name get a lane each, told apart by the start of their id
  const lanes = names.map((name, i) => (names.indexOf(name) !== names.lastIndexOf(name)
    ? `${name} (${members[i].personId.slice(0, 4)})` : name));
  const bars = [];
  members.forEach((m, lane) => {
    for (const a of m.timeline?.assignments || []) {
      bars.push({ ...a, person: lanes[lane], value: [lane, toTime(a.start), a.ongoing ? asOf : toTime(a.end)] });
    }
  });
  const first = Math.min(asOf - 365 * DAY, ...bars.map((b) => b.value[1]));
  const span = asOf - first;
  container.style.height = `${Math.max(220, 70 + lanes.length * 42)}px`;
  const room = laneRoom(lanes, Math.max(70, (container.clientWidth || 600) * 0.3));
  const chart = chartFor(container);
  chart.resize();
  chart.setOption({
    ...base(`Team timeline: ${members.map((m, i) => `${lanes[i]}: ${(m.timeline?.assignments || [])
      .map((a) => `${assignmentWords(a)} since ${formatDate(a.start)}${a.ongoing ? '' : ` until ${formatDate(a.end)}`}`).join(', ') || 'no assignments'}`).join('; ')}.`),
    grid: { left: room, right: 40, top: 30, bottom: 30 },
    tooltip: { trigger: 'item', confine: true, formatter: (p) => assignmentTooltip(bars[p.dataIndex], bars[p.dataIndex].person) },
    xAxis: { type: 'time', min: first - span * 0.03, max: asOf + span * 0.04, axisLabel: { hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: '#e3e6ea' } } },
    yAxis: { type: 'category', data: lanes, inverse: true, axisTick: { show: false },
      axisLabel: laneLabel(room) },
    series: [{ type: 'custom', name: 'Assignments', renderItem: renderAssignment(bars), encode: { x: [1, 2], y: 0 },
      data: bars.map((b) => ({ value: b.value, name: `${b.person}: ${assignmentWords(b)}` })), clip: true,
      markLine: asOfLine(asOfIso, 'start') }],
  }, { notMerge: true });
}

// ---- proficiency per skill ---------------------------------------------------------------------

export const SKILL_STYLES = {
  DELIVERY_EXECUTION: { color: '#0072B2', symbol: 'circle' },
  ENTERPRISE_RISK: { color: '#D55E00', symbol: 'rect' },
  CHANGE_MANAGEMENT: { color: '#009E73', symbol: 'triangle' },
  ISSUE_MANAGEMENT: { color: '#E69F00', symbol: 'diamond' },
  BUSINESS_ACUMEN: { color: '#56B4E9', symbol: 'roundRect' },
  LEADERSHIP: { color: '#CC79A7', symbol: 'pin' },
  PROGRAM_MANAGEMENT: { color: '#000000', symbol: 'arrow' },
  PORTFOLIO_MANAGEMENT: { color: '#882255', symbol: 'emptyCircle' },
  PROCESS_GOVERNANCE: { color: '#999933', symbol: 'emptyRect' },
  STRATEGIC_VISIBILITY: { color: '#6F6F6F', symbol: 'emptyTriangle' },
};

/** Every nth point carries the series' symbol, so lines are told apart by shape as well as colour. */
function withSparseSymbols(points, symbol, every) {
  return points.map((p, i) => ({
    value: [toTime(p.date), p.value],
    symbol: i % every === 0 || i === points.length - 1 ? symbol : 'none',
  }));
}

/**
 * Proficiency per skill over time, each skill's peak marked, and (when given) a what-if projection
 * per skill drawn dashed from today.
 * @param whatIf optional {label, points: {SKILL: [{date, value}]}}
 * @param visible optional {SKILL: boolean}
 */
export function drawSkills(container, answer, { whatIf, visible } = {}) {
  const all = answer.skills || [];
  const skills = visible ? all.filter((s) => visible[s.skill] !== false) : all;
  const longest = Math.max(1, ...skills.map((s) => (s.curve || []).length));
  const every = Math.max(1, Math.ceil(longest / 8));
  const series = [];
  for (const s of skills) {
    const style = SKILL_STYLES[s.skill] || { color: '#444', symbol: 'circle' };
    const delivery = s.skill === 'DELIVERY_EXECUTION';
    series.push({
      type: 'line', name: skillLabel(s.skill), id: s.skill,
      data: withSparseSymbols(s.curve || [], style.symbol, every),
      symbolSize: delivery ? 9 : 7, showSymbol: true,
      lineStyle: { width: delivery ? 3.5 : 1.8, color: style.color },
      itemStyle: { color: style.color },
      emphasis: { focus: 'series' },
      z: delivery ? 5 : 3,
      markPoint: s.peak > 0 ? {
        symbol: 'triangle', symbolSize: 9, symbolRotate: 180, symbolOffset: [0, -8],
        itemStyle: { color: style.color, borderColor: '#fff', borderWidth: 1 },
        label: { show: delivery, formatter: `peak ${s.peak.toFixed(2)}`, position: 'top', fontSize: 11, color: '#1b1f24' },
        data: [{ type: 'max', name: `peak of ${skillLabel(s.skill)}` }],
      } : undefined,
      markLine: delivery ? asOfLine(answer.asOf) : undefined,
    });
    const projected = whatIf?.points?.[s.skill];
    if (projected?.length) {
      series.push({
        type: 'line', name: `${skillLabel(s.skill)} (what-if)`, id: `${s.skill}-whatif`,
        data: withSparseSymbols(projected, style.symbol, Math.max(1, Math.ceil(projected.length / 4))),
        lineStyle: { width: delivery ? 3 : 1.8, type: 'dashed', color: style.color },
        itemStyle: { color: style.color }, symbolSize: 6, z: 4,
        markArea: series.length === 1 ? {
          silent: true, itemStyle: { color: 'rgba(204,121,167,0.10)' },
          label: { formatter: `what-if: ${whatIf.label}`, position: 'insideTop', color: '#6b2950', fontSize: 11 },
          data: [[{ xAxis: toTime(projected[0].date) }, { xAxis: toTime(projected.at(-1).date) }]],
        } : undefined,
      });
    }
  }
  const description = `Proficiency per skill, 0 to 1, as of ${formatDate(answer.asOf)}: ${all.map((s) =>
    `${skillLabel(s.skill)} ${s.current.toFixed(2)} (peak ${s.peak.toFixed(2)})`).join(', ')}.${whatIf ? ` Dashed: ${whatIf.label}.` : ''}`;
  const chart = chartFor(container);
  const names = skills.map((s) => skillLabel(s.skill));
  chart.setOption({
    ...base(description),
    // the legend's rows under the axis labels, as many as the chart's width needs
    grid: { left: 44, right: narrow(container) ? 24 : 56, top: 34, bottom: legendHeight(names, container.clientWidth || 700) + 30 },
    tooltip: { trigger: 'axis', confine: true, order: 'valueDesc',
      valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(2) : v) },
    legend: { type: 'plain', bottom: 0, left: 'center', selectedMode: false, data: names,
      textStyle: { fontSize: 12 }, itemWidth: 22, itemHeight: 10, padding: 5, itemGap: 10 },
    // with a what-if, the last three years and the projection, so that the projection is readable
    xAxis: { type: 'time', axisLabel: { hideOverlap: true }, splitLine: { show: false },
      min: whatIf ? Math.max(firstDate(all), toTime(whatIfStart(whatIf)) - 3 * 365 * DAY) : undefined },
    yAxis: { type: 'value', min: 0, max: 1, name: 'proficiency', nameGap: 10,
      nameTextStyle: { align: 'left', color: '#4a5260' }, splitLine: { lineStyle: { color: '#e3e6ea' } } },
    series,
  }, { notMerge: true });
  fitGridAboveLegend(chart, 30);
  return chart;
}

/**
 * The estimate of the legend's rows (legendHeight) corrected by where ECharts did put the legend, so that
 * the plot ends just above it: no overlap, no empty gap. `labels`: room for the x axis labels.
 */
function fitGridAboveLegend(chart, labels) {
  try {
    const legend = chart.getModel().getComponent('legend');
    const group = legend && chart.getViewOfComponentModel(legend)?.group;
    if (!group) return;
    const rect = group.getBoundingRect().clone();
    const transform = group.getComputedTransform();
    if (transform) rect.applyTransform(transform);
    const bottom = Math.ceil(chart.getHeight() - rect.y) + labels;
    const grid = chart.getOption().grid?.[0];
    if (rect.height > 0 && grid && Math.abs((grid.bottom ?? 0) - bottom) > 3) chart.setOption({ grid: { bottom } });
  } catch (e) {
    // ECharts' inner layout not as expected: the estimate stays
  }
}

function firstDate(skills) {
  const dates = skills.flatMap((s) => (s.curve || []).slice(0, 1).map((p) => toTime(p.date)));
  return dates.length ? Math.min(...dates) : 0;
}

function whatIfStart(whatIf) {
  return Object.values(whatIf.points || {})[0]?.[0]?.date;
}

// ---- delivery retention, threshold, forecast -----------------------------------------------------

/** Delivery retention (share of the peak so far) month by month, from the delivery curve. */
export function retentionHistory(curve = []) {
  let peak = 0;
  return curve.map((p) => {
    peak = Math.max(peak, p.value);
    return { date: p.date, value: peak > 0 ? Math.min(1, p.value / peak) : 1 };
  });
}

/**
 * Delivery retention so far (solid), forecast if the current role goes on (dashed), the rotate-back
 * threshold, the rotate-back date, and a what-if (dashed, other colour) when given.
 * @param whatIf optional {label, retention: [{date, value}]}
 */
export function drawRetention(container, answer, { whatIf } = {}) {
  const delivery = (answer.skills || []).find((s) => s.skill === 'DELIVERY_EXECUTION');
  // no delivery history: no peak, so no retention to draw (the key figures say so in words too)
  const none = answer.deliveryHistory === false;
  const history = none ? [] : retentionHistory(delivery?.curve || []);
  const forecast = none ? [] : answer.deliveryForecast || [];
  const threshold = answer.rotateBackThreshold;
  const series = [
    {
      type: 'line', name: 'Delivery retention', showSymbol: false,
      data: history.map((p) => [toTime(p.date), p.value]),
      lineStyle: { width: 3, color: '#0072B2' }, itemStyle: { color: '#0072B2' },
      markLine: {
        silent: true, symbol: 'none',
        data: [
          { yAxis: threshold, name: 'threshold', lineStyle: { color: '#D55E00', type: [8, 4], width: 2 },
            label: { formatter: `rotate-back threshold ${percent(threshold)}`, position: 'insideStartTop', color: '#7a3300', fontWeight: 600 } },
          { xAxis: toTime(answer.asOf), lineStyle: { color: '#1b1f24', type: 'dotted', width: 1.5 },
            label: { formatter: `as of ${formatDate(answer.asOf)}`, position: 'end', fontSize: 11, color: '#1b1f24' } },
        ],
      },
      markArea: {
        silent: true, itemStyle: { color: 'rgba(213,94,0,0.07)' },
        data: [[{ yAxis: 0 }, { yAxis: threshold }]],
      },
    },
    {
      type: 'line', name: 'Forecast if the current role goes on', showSymbol: true, symbol: 'circle', symbolSize: 5,
      data: forecast.map((p) => [toTime(p.date), p.value]),
      lineStyle: { width: 2.5, type: 'dashed', color: '#0072B2' }, itemStyle: { color: '#0072B2' },
      markLine: answer.rotateBackBy ? {
        silent: true, symbol: ['none', 'arrow'],
        lineStyle: { color: '#D55E00', width: 2, type: 'solid' },
        label: { formatter: `rotate back by ${formatDate(answer.rotateBackBy)}`, position: 'insideEndBottom', color: '#7a3300', fontWeight: 600 },
        data: [{ xAxis: toTime(answer.rotateBackBy) }],
      } : undefined,
    },
  ];
  if (whatIf?.retention?.length) {
    series.push({
      type: 'line', name: `What-if: ${whatIf.label}`, symbol: 'diamond', symbolSize: 8,
      data: whatIf.retention.map((p) => [toTime(p.date), p.value]),
      lineStyle: { width: 2.5, type: [2, 4], color: '#CC79A7' }, itemStyle: { color: '#CC79A7' },
    });
  }
  const description = (none ? `No delivery history yet as of ${formatDate(answer.asOf)}, so no delivery retention; `
    : `Delivery retention ${percent(answer.deliveryRetention)} of its peak as of ${formatDate(answer.asOf)}; `)
    + `threshold ${percent(threshold)}; ${answer.rotateBackBy ? `rotate back by ${formatDate(answer.rotateBackBy)}` : 'no rotate-back date in the forecast'}.`
    + (whatIf ? ` What-if ${whatIf.label}: ${percent(whatIf.retention.at(-1)?.value)} at its end.` : '');
  const chart = chartFor(container);
  const width = container.clientWidth || 700;
  chart.setOption({
    ...base(description),
    // the legend at the bottom, its rows (one on a wide screen, two or three on a phone) below the axis labels
    grid: { left: 8, right: narrow(container) ? 24 : 56, top: 30, containLabel: true,
      bottom: legendHeight(series.map((s) => s.name), width) + 6 },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => (typeof v === 'number' ? percent(v) : v) },
    legend: { bottom: 0, textStyle: { fontSize: 12 }, padding: 5, itemGap: 10, itemWidth: 25, itemHeight: 14 },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true }, splitLine: { show: false } },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => `${Math.round(v * 100)} %` },
      splitLine: { lineStyle: { color: '#e3e6ea' } } },
    graphic: none ? [{ type: 'text', left: 'center', top: 'middle', silent: true,
      style: { text: 'No delivery history yet', fontSize: 14, fill: '#4a5058' } }] : [],
    series,
  }, { notMerge: true });
  return chart;
}

// ---- two or three people side by side (compare.html) ---------------------------------------------

/** Each compared person's own colour, dash and marker (Okabe–Ito, told apart without colour too). */
export const PERSON_STYLES = [
  { color: '#0072B2', dash: 'solid', symbol: 'circle' },
  { color: '#E69F00', dash: 'dashed', symbol: 'triangle' },
  { color: '#009E73', dash: 'dotted', symbol: 'rect' },
];

/**
 * The delivery retention of two or three people on one time axis and one 0–100 % axis, one line per
 * person (named by name), the rotate-back threshold across all of them.
 * @param people [{name, skills}] with skills the GET .../skills answer (curves=true)
 */
/**
 * What every chart of delivery retention over time shares (the comparison's and the plan's): one time axis, one
 * 0–100 % axis, the legend below sized to its entries, a tooltip in percent.
 */
function retentionOverTime(container, description, series) {
  return {
    ...base(description),
    grid: { left: 8, right: narrow(container) ? 24 : 56, top: 30, containLabel: true,
      bottom: legendHeight(series.map((s) => s.name), container.clientWidth || 700) + 6 },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => (typeof v === 'number' ? percent(v) : v) },
    legend: { bottom: 0, selectedMode: false, textStyle: { fontSize: 12 }, padding: 5, itemGap: 10, itemWidth: 25, itemHeight: 14 },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true }, splitLine: { show: false } },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => `${Math.round(v * 100)} %` },
      splitLine: { lineStyle: { color: '#e3e6ea' } } },
  };
}

export function drawCompareRetention(container, people) {
  const threshold = people.find((p) => p.skills)?.skills.rotateBackThreshold ?? 0.6;
  const series = people.map((p, i) => {
    const style = PERSON_STYLES[i % PERSON_STYLES.length];
    const delivery = (p.skills?.skills || []).find((s) => s.skill === 'DELIVERY_EXECUTION');
    const history = p.skills?.deliveryHistory === false ? [] : retentionHistory(delivery?.curve || []);
    return {
      type: 'line', name: p.name, showSymbol: true,
      data: withSparseSymbols(history, style.symbol, Math.max(1, Math.ceil(history.length / 8))),
      lineStyle: { width: 3, type: style.dash, color: style.color }, itemStyle: { color: style.color }, symbolSize: 8,
      // the threshold once, on the first line: every line is read against it
      markLine: i === 0 ? { silent: true, symbol: 'none', data: [{ yAxis: threshold, name: 'threshold',
        lineStyle: { color: '#D55E00', type: [8, 4], width: 2 },
        label: { formatter: `rotate-back threshold ${percent(threshold)}`, position: 'insideStartTop', color: '#7a3300', fontWeight: 600 } }] }
        : undefined,
    };
  });
  const description = `Delivery retention, 0 to 100 % of each person's peak, on one time axis; threshold ${percent(threshold)}: `
    + people.map((p) => `${p.name} ${p.skills?.deliveryHistory === false ? 'no delivery history yet' : percent(p.skills?.deliveryRetention)}`).join(', ') + '.';
  const chart = chartFor(container);
  chart.setOption({
    ...retentionOverTime(container, description, series),
    series,
  }, { notMerge: true });
  return chart;
}

/**
 * Current proficiency per skill, one bar per person in each skill's group, on one 0–1 scale. Bars run
 * sideways so that the skills' names stay readable on a phone.
 */
export function drawCompareSkills(container, people) {
  const skills = Object.keys(SKILL_STYLES);
  const current = (p, skill) => (p.skills?.skills || []).find((s) => s.skill === skill)?.current ?? 0;
  const series = people.map((p, i) => {
    const style = PERSON_STYLES[i % PERSON_STYLES.length];
    return {
      type: 'bar', name: p.name, data: skills.map((skill) => Number(current(p, skill).toFixed(2))),
      itemStyle: { color: style.color, decal: { symbol: style.symbol, symbolSize: 0.6, color: 'rgba(255,255,255,0.55)' } },
      barMaxWidth: 14,
    };
  });
  const description = `Current proficiency per skill, 0 to 1: ${skills.map((skill) => `${skillLabel(skill)} ${people.map((p) =>
    `${p.name} ${current(p, skill).toFixed(2)}`).join(', ')}`).join('; ')}.`;
  // room for the longest skill name, measured: ECharts' containLabel cuts the longest one by a few pixels here
  const labels = skills.map(skillLabel);
  const g = document.createElement('canvas').getContext('2d');
  g.font = `12px ${FONT}`;
  const room = Math.ceil(Math.max(...labels.map((label) => g.measureText(label).width))) + 16;
  const chart = chartFor(container);
  chart.setOption({
    ...base(description),
    grid: { left: room, right: 24, top: 10, bottom: legendHeight(series.map((s) => s.name), container.clientWidth || 700) + 30 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(2) : v) },
    legend: { bottom: 0, selectedMode: false, textStyle: { fontSize: 12 }, padding: 5, itemGap: 10, itemWidth: 25, itemHeight: 14 },
    // the scale is named in the section's heading: an axis name would sit on the legend
    xAxis: { type: 'value', min: 0, max: 1, splitLine: { lineStyle: { color: '#e3e6ea' } } },
    yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { margin: 8 } },
    series,
  }, { notMerge: true });
  return chart;
}

// ---- a rotation plan (plan.html) -----------------------------------------------------------------

/**
 * Each planned person on a lane of their own: the roles recorded in the last year (solid outline), then the plan's
 * roles quarter by quarter from the day it starts (paler, dashed outline), runs of one role merged into one bar.
 * @param people [{personId, displayName, timeline (the query API's, or null), schedule (the plan's)}]
 * @param plan   the plan answer (from, quarters)
 */
export function drawPlanTimeline(container, people, plan) {
  const from = toTime(plan.from);
  const end = toTime(plan.quarters.at(-1).end);
  const first = from - 365 * DAY;
  const names = people.map((p) => p.displayName || 'Name not available');
  const lanes = names.map((name, i) => (names.indexOf(name) !== names.lastIndexOf(name)
    ? `${name} (${people[i].personId.slice(0, 4)})` : name));
  const bars = [];
  people.forEach((p, lane) => {
    for (const a of p.timeline?.assignments || []) {
      const stop = a.ongoing ? from : toTime(a.end);
      if (stop < first) continue;
      bars.push({ ...a, ongoing: false, end: a.ongoing ? plan.from : a.end, person: lanes[lane],
        value: [lane, Math.max(first, toTime(a.start)), Math.min(from, stop)] });
    }
    for (const run of plannedRuns(p.schedule, plan.quarters)) {
      bars.push({ ...run, person: lanes[lane], value: [lane, toTime(run.start), toTime(run.end)] });
    }
  });
  container.style.height = `${Math.max(220, 70 + lanes.length * 42)}px`;
  const room = laneRoom(lanes, Math.max(70, (container.clientWidth || 600) * 0.3));
  const chart = chartFor(container);
  chart.resize();
  const description = `Recorded and planned roles from ${formatDate(plan.from)}: ${people.map((p, i) => `${lanes[i]}: ${
    plannedRuns(p.schedule, plan.quarters).map((run) => `${assignmentWords(run)} in quarter${run.last > run.first
      ? `s ${run.first}–${run.last}` : ` ${run.first}`}`).join(', ')}`).join('; ')}.`;
  chart.setOption({
    ...base(description),
    grid: { left: room, right: 40, top: 30, bottom: 30 },
    tooltip: { trigger: 'item', confine: true, formatter: (p) => assignmentTooltip(bars[p.dataIndex], bars[p.dataIndex].person) },
    xAxis: { type: 'time', min: first, max: end + (end - first) * 0.03, axisLabel: { hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: '#e3e6ea' } } },
    yAxis: { type: 'category', data: lanes, inverse: true, axisTick: { show: false }, axisLabel: laneLabel(room) },
    series: [{ type: 'custom', name: 'Roles', renderItem: renderAssignment(bars), encode: { x: [1, 2], y: 0 },
      data: bars.map((b) => ({ value: b.value, name: `${b.person}: ${b.planned ? 'planned ' : ''}${assignmentWords(b)}` })),
      clip: true, markLine: { ...asOfLine(plan.from, 'start'), label: { formatter: 'the plan starts', position: 'start', fontSize: 11, color: '#1b1f24' } } }],
  }, { notMerge: true });
  return chart;
}

/** A schedule's quarters as runs of one role (same kind, PMO type and seat): {kind, pmoType, name, start, end, first, last}. */
export function plannedRuns(schedule, quarters) {
  const runs = [];
  for (const q of schedule) {
    const last = runs.at(-1);
    if (last && last.kind === q.kind && last.pmoType === q.pmoType && last.seatId === q.seatId && last.last === q.quarter - 1) {
      last.last = q.quarter;
      last.end = quarters[q.quarter - 1].end;
      last.durationMonths += 3;
    } else {
      runs.push({ planned: true, kind: q.kind, pmoType: q.pmoType, seatId: q.seatId, name: q.seatName, first: q.quarter,
        last: q.quarter, start: quarters[q.quarter - 1].start, end: quarters[q.quarter - 1].end, durationMonths: 3 });
    }
  }
  return runs;
}

/**
 * One person's predicted delivery retention at the end of each planned quarter, with the plan (solid) and if nobody
 * moves (dashed), the rotate-back threshold across.
 */
export function drawPlanRetention(container, person, plan) {
  const threshold = plan.rotateBackThreshold;
  const none = person.schedule.every((q) => q.deliveryRetention === null || q.deliveryRetention === undefined);
  const points = (key) => (none ? [] : person.schedule.map((q) => [toTime(plan.quarters[q.quarter - 1].end), q[key]]));
  const name = person.displayName || 'this person';
  const series = [
    {
      type: 'line', name: 'With the plan', symbol: 'circle', symbolSize: 8, data: points('deliveryRetention'),
      lineStyle: { width: 3, color: '#0072B2' }, itemStyle: { color: '#0072B2' },
      markLine: { silent: true, symbol: 'none', data: [{ yAxis: threshold, name: 'threshold',
        lineStyle: { color: '#D55E00', type: [8, 4], width: 2 },
        label: { formatter: `rotate-back threshold ${percent(threshold)}`, position: 'insideStartTop', color: '#7a3300', fontWeight: 600 } }] },
      markArea: { silent: true, itemStyle: { color: 'rgba(213,94,0,0.07)' }, data: [[{ yAxis: 0 }, { yAxis: threshold }]] },
    },
    {
      type: 'line', name: 'If nobody moves', symbol: 'triangle', symbolSize: 8, data: points('deliveryRetentionIfNobodyMoves'),
      lineStyle: { width: 2.5, type: 'dashed', color: '#E69F00' }, itemStyle: { color: '#E69F00' },
    },
  ];
  const last = person.schedule.at(-1);
  const description = none ? `${name} has no delivery history yet, so no delivery retention to predict.`
    : `${name}'s delivery retention at the end of quarter ${last.quarter}: ${percent(last.deliveryRetention)} with the plan, `
      + `${percent(last.deliveryRetentionIfNobodyMoves)} if nobody moves; threshold ${percent(threshold)}.`;
  const chart = chartFor(container);
  chart.setOption({
    ...retentionOverTime(container, description, series),
    graphic: none ? [{ type: 'text', left: 'center', top: 'middle', silent: true,
      style: { text: 'No delivery history yet', fontSize: 14, fill: '#4a5058' } }] : [],
    series,
  }, { notMerge: true });
  return chart;
}

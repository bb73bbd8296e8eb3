// Tables that scroll sideways must be reachable by keyboard (WCAG 2.1.1; axe: scrollable-region-focusable):
// while a table's wrapper (.table-wrap) scrolls, on a phone or with long names, it is a focusable region
// named after its table; when it fits, it is neither, so it adds no stop to the tab order. Wrappers that
// say in the HTML what they are (a tabindex of their own) are left as they are. Every page loads this
// through ui.js, so tables added later, by any page, are kept too.

const MANAGED = 'data-scroll-region';

function tableName(wrap) {
  const table = wrap.querySelector('table');
  if (!table) return 'Table';
  const caption = table.querySelector('caption');
  if (caption && caption.textContent.trim()) return caption.textContent.trim();
  const labelledBy = (table.getAttribute('aria-labelledby') || '').split(/\s+/)
    .map((id) => document.getElementById(id)).filter((label) => label)
    .map((label) => label.textContent.trim()).join(' ');
  return labelledBy || table.getAttribute('aria-label') || 'Table';
}

function update(wrap) {
  if (!wrap.hasAttribute(MANAGED)) return;
  const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
  if (scrolls) {
    wrap.setAttribute('tabindex', '0');
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', `${tableName(wrap)} (scrolls sideways)`);
  } else if (wrap.hasAttribute('tabindex')) {
    ['tabindex', 'role', 'aria-label'].forEach((name) => wrap.removeAttribute(name));
  }
}

const sizes = new ResizeObserver((entries) => entries.forEach((entry) => {
  update(entry.target.closest('.table-wrap') || entry.target);
}));

function keep(wrap) {
  if (wrap.hasAttribute(MANAGED) || wrap.hasAttribute('tabindex')) return;
  wrap.setAttribute(MANAGED, '');
  sizes.observe(wrap);
  const table = wrap.querySelector('table');
  if (table) sizes.observe(table); // rows added or a column widened: the wrapper keeps its size
  update(wrap);
}

function keepAll(root) {
  if (root.nodeType !== Node.ELEMENT_NODE) return;
  const around = root.parentElement && root.parentElement.closest('.table-wrap');
  if (around && around.hasAttribute(MANAGED) && root.matches('table')) { // a table replaced inside its wrapper
    sizes.observe(root);
    update(around);
  }
  if (root.matches('.table-wrap')) keep(root);
  root.querySelectorAll('.table-wrap').forEach(keep);
}

function start() {
  keepAll(document.body);
  new MutationObserver((changes) => changes.forEach((change) => change.addedNodes.forEach(keepAll)))
    .observe(document.body, { childList: true, subtree: true });
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });

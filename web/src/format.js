// Names, colours and small formatters shared by the panels.

export const QUAD_NAMES = ['', 'Verbal cooperation', 'Material cooperation', 'Verbal conflict',
                           'Material conflict'];
// Blues for cooperation, oranges for conflict; the same as in style.css.
export const QUAD_COLORS = ['#999999', '#9ecae1', '#3182bd', '#fdae6b', '#d94801'];

let countryNames = {};
export function setCountries(table) {
  countryNames = table || {};
}
export function countryInfo(code) {
  return countryNames[code];
}
export function countryName(code) {
  const info = countryNames[code];
  return info ? info.name : code;
}
// "IRQ (Iraq)" for the picker and tooltips; bare codes for groups and IGOs.
export function countryLabel(code) {
  const info = countryNames[code];
  return info ? `${info.name} (${code})` : code;
}

const integer = new Intl.NumberFormat('en-US');
export const formatCount = (n) => integer.format(n);
export const plural = (n, word, words = `${word}s`) => `${formatCount(n)} ${n === 1 ? word : words}`;
export const formatSigned = (x) => (x > 0 ? `+${x.toFixed(1)}` : x.toFixed(1));

// The quad class with most events, ties to the more conflictual one.
export function dominantQuad(quad) {
  let best = 0;
  for (let i = 0; i < 4; ++i) if ((quad[i] || 0) >= (quad[best] || 0)) best = i;
  return best + 1;
}

// Removes the children of `element` and returns it.
export function clear(element) {
  while (element.firstChild) element.removeChild(element.firstChild);
  return element;
}

// document.createElement with attributes and children (strings become text).
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export function showError(container, error) {
  clear(container).append(el('p', { class: 'error', role: 'alert', text: error.message }));
}

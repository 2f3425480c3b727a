import { type HTMLElement, parse } from 'node-html-parser';

/**
 * Queries over the HTML a response carries, instead of regular expressions over its text: parsed with
 * node-html-parser (a small, fast parser whose elements answer CSS selectors through css-select).
 */
export type Element = HTMLElement;
type Html = string | { body: string } | Element;

let lastText = '';
let lastRoot: Element | undefined;

function root(html: Html): Element {
  if (typeof html === 'object' && 'querySelector' in html) return html;
  const text = typeof html === 'string' ? html : html.body;
  // A test asks several questions of one page in a row: it is parsed once.
  if (text !== lastText || !lastRoot) {
    lastRoot = parse(text, { comment: false });
    lastText = text;
  }
  return lastRoot;
}

/** The first element matching `selector` in a page (a string, a response, or an element), or null. */
export function $(html: Html, selector: string): Element | null {
  return root(html).querySelector(selector);
}

/** Every element matching `selector`, in document order. */
export function $$(html: Html, selector: string): Element[] {
  return root(html).querySelectorAll(selector);
}

/** The element matching `selector`; throws, naming the selector, when there is none. */
export function $1(html: Html, selector: string): Element {
  const found = $(html, selector);
  if (!found) throw new Error(`no element matches ${selector}`);
  return found;
}

/** An element's text as a reader sees it: entities decoded, white space collapsed and trimmed. */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * What a browser would send for this form without pressing a button: every enabled named input, text area
 * and select; checkboxes and radios only when checked (value "on" if they have none); a select's selected
 * options (its first one when none is marked). A name that occurs more than once gives an array.
 */
export function formValues(form: Element): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const had = values[name];
    values[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  };
  for (const el of form.querySelectorAll('input, textarea, select')) {
    const name = el.getAttribute('name');
    if (!name || el.hasAttribute('disabled') || el.closest('fieldset[disabled]')) continue;
    const tag = el.tagName.toLowerCase();
    if (tag === 'textarea') add(name, el.textContent.replace(/^\r?\n/, ''));
    else if (tag === 'select') {
      const options = el.querySelectorAll('option');
      const chosen = options.filter((o) => o.hasAttribute('selected'));
      const sent = chosen.length > 0 ? chosen : el.hasAttribute('multiple') ? [] : options.slice(0, 1);
      for (const o of sent) add(name, o.getAttribute('value') ?? text(o));
    } else {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if (['submit', 'button', 'reset', 'image', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !el.hasAttribute('checked')) continue;
      add(name, el.getAttribute('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''));
    }
  }
  return values;
}

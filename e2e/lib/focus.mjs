// Keyboard focus helpers: where focus is, tabbing to things, and focus-indicator styles.

const FOCUSABLE = 'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), '
  + 'select:not([disabled]), textarea:not([disabled]), summary, iframe, [tabindex]:not([tabindex="-1"]), [contenteditable=""], [contenteditable=true]';
const STYLE_PROPS = ['outlineStyle', 'outlineWidth', 'outlineColor', 'outlineOffset', 'boxShadow', 'backgroundColor', 'color', 'textDecorationLine'];

/** A short description of the focused element, plus whether it lies inside <main>. */
export function active(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const main = document.querySelector('main');
    return {
      tag: el?.tagName.toLowerCase(),
      name: el?.getAttribute('name'),
      id: el?.id,
      classes: el?.className && typeof el.className === 'string' ? el.className : '',
      text: (el?.innerText || el?.value || '').trim().slice(0, 60),
      mark: el?.getAttribute('data-e2e-focus'),
      isMain: el === main,
      inMain: !!main && el !== main && main.contains(el),
      isBody: el === document.body || !el,
    };
  });
}

/** Press Tab until `predicate(active)` holds; returns the active element, or null after `max` presses. */
export async function tabUntil(page, predicate, max = 30) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const a = await active(page);
    if (predicate(a)) return a;
  }
  return null;
}

/**
 * Mark every visible focusable element with data-e2e-focus=N and return their unfocused styles.
 * Transitions are switched off (needs bypassCSP) so styles are read in their final state.
 */
export async function markFocusables(page) {
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });
  return page.evaluate(({ selector, props }) => {
    document.activeElement?.blur();
    const els = [...document.querySelectorAll(selector)].filter((el) => el.checkVisibility({ visibilityProperty: true }));
    return els.map((el, i) => {
      el.setAttribute('data-e2e-focus', String(i));
      const cs = getComputedStyle(el);
      const label = `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> "${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
      return { mark: String(i), label, radio: el.type === 'radio', style: Object.fromEntries(props.map((p) => [p, cs[p]])) };
    });
  }, { selector: FOCUSABLE, props: STYLE_PROPS });
}

/** Computed styles of the focused element (same properties as markFocusables). */
export function focusedStyle(page) {
  return page.evaluate((props) => {
    const cs = getComputedStyle(document.activeElement);
    return Object.fromEntries(props.map((p) => [p, cs[p]]));
  }, STYLE_PROPS);
}

const transparent = (color) => /rgba\(.*,\s*0\)$/.test(color) || color === 'transparent';

/** Whether focus shows: a visible outline that differs from unfocused, or a changed box-shadow. */
export function hasFocusIndicator(before, after) {
  const outlineVisible = after.outlineStyle !== 'none' && parseFloat(after.outlineWidth) > 0 && !transparent(after.outlineColor);
  const outlineChanged = ['outlineStyle', 'outlineWidth', 'outlineColor', 'outlineOffset'].some((p) => before[p] !== after[p]);
  const shadowChanged = after.boxShadow !== 'none' && after.boxShadow !== before.boxShadow;
  return (outlineVisible && outlineChanged) || shadowChanged;
}

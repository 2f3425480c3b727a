// Small progressive enhancements; every form works without this file.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
// Move focus to the error summary so screen-reader and keyboard users hear what went wrong.
const summary = document.querySelector('.error-summary');
if (summary instanceof HTMLElement) summary.focus();
// The visa-request fields matter only while the box is ticked; without JavaScript they stay visible.
const visaBox = document.getElementById('f-visa');
const visaFields = document.querySelector('.visa-fields');
if (visaBox instanceof HTMLInputElement && visaFields instanceof HTMLElement) {
  const sync = () => {
    visaFields.hidden = !visaBox.checked;
  };
  visaBox.addEventListener('change', sync);
  sync();
}
// Visa support is for those who attend in person: its section goes (and sends nothing) once another mode is chosen.
const visaSection = document.querySelector('fieldset.visa');
const modes = [...document.querySelectorAll('input[type="radio"][name="mode"]')];
if (visaSection instanceof HTMLFieldSetElement && modes.length > 0) {
  const syncMode = () => {
    const chosen = modes.find((m) => m.checked);
    visaSection.hidden = chosen !== undefined && chosen.value !== 'in-person';
    visaSection.disabled = visaSection.hidden;
  };
  for (const m of modes) m.addEventListener('change', syncMode);
  syncMode();
}
// A header menu closes when another opens, on Escape, or on a click elsewhere (without this file: on its own summary).
const menus = [...document.querySelectorAll('details.dropdown')];
const closeMenus = (except) => {
  for (const menu of menus) if (menu !== except) menu.open = false;
};
for (const menu of menus) menu.addEventListener('toggle', () => menu.open && closeMenus(menu));
document.addEventListener('click', (event) => {
  if (!(event.target instanceof Node) || !menus.some((menu) => menu.contains(event.target))) closeMenus(null);
});
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const open = menus.find((menu) => menu.open);
  if (open) {
    open.open = false;
    open.querySelector('summary')?.focus();
  }
});

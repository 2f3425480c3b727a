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

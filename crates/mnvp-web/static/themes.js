// Coding screen shortcuts (progressive enhancement: every action also works as a plain form).
// 1–9 tick or untick the suggested themes in order; the buttons carry access keys
// (S: save and next, K: skip). Keys typed into the note or other fields are left alone.
const form = document.querySelector('form[data-coding]');
if (form) {
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type === 'text')) return;
    if (!/^[1-9]$/.test(event.key)) return;
    const box = form.querySelectorAll('input[data-suggestion]')[Number(event.key) - 1];
    if (!box) return;
    event.preventDefault();
    box.checked = !box.checked;
    box.focus();
  });
}

/** The diff page's print button: printing needs a script, and inline handlers are not allowed. */
document.getElementById('print')?.addEventListener('click', () => window.print());

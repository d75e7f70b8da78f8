// faceid-ledger console: the little the pages do in the browser. Everything works without it; it only adds
// "Copy" buttons (data-copy="#id": copies that element's text to the clipboard and says so).
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) return;
  var source = document.querySelector(button.getAttribute('data-copy'));
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.textContent.trim()).then(function () {
    button.textContent = 'Copied';
  });
});

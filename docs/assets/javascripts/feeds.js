// "Sao chép" next to a feed address (overrides/partials/feed-link.html). The clipboard API needs
// HTTPS; elsewhere the selected text is copied the old way.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-lp-copy]");
  if (!button) return;
  const input = button.closest(".lp-feed").querySelector(".lp-feed__url");
  input.focus();
  input.select();
  let copied = false;
  try {
    await navigator.clipboard.writeText(input.value);
    copied = true;
  } catch (error) {
    copied = document.execCommand && document.execCommand("copy");
  }
  const label = button.textContent;
  button.textContent = copied ? "Đã chép" : "Hãy nhấn Ctrl+C";
  setTimeout(() => { button.textContent = label; }, 2000);
});

// Focusing the feed address selects it, ready to copy by hand (kept out of the HTML for the CSP).
document.addEventListener("focusin", (event) => {
  if (event.target.matches && event.target.matches(".lp-feed__url")) event.target.select();
});

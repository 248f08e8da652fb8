// Material's drawer and search toggles are checkboxes. Firefox restores a checkbox's state on reload or
// "back", which would reopen the menu or the search; Material used autocomplete="off" against that, but
// the attribute is invalid on checkboxes (hooks/a11y.py drops it). Close them when a page is shown instead.
window.addEventListener("pageshow", () => {
  for (const id of ["__drawer", "__search"]) {
    const toggle = document.getElementById(id);
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  }
});

// The header's menu and search icons are labels made into buttons (hooks/a11y.py): Enter and Space press
// them as they would a real button.
document.addEventListener("keydown", (event) => {
  const label = event.target.closest && event.target.closest("label[role=button][for]");
  if (!label || (event.key !== "Enter" && event.key !== " ")) return;
  event.preventDefault();
  label.click();
});

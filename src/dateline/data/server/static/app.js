// dateline viewer: "mark wrong" buttons post a correction to the API.
"use strict";
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.mark");
  if (!button) return;
  button.disabled = true;
  const body = {
    article_id: button.dataset.article,
    kind: button.dataset.kind,
    record_id: button.dataset.record,
    note: "",
  };
  try {
    const response = await fetch("/api/corrections", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(String(response.status));
    const saved = await response.json();
    button.textContent = "marked wrong (#" + saved.id + ")";
    button.closest(".event, .quote-item")?.classList.add("marked");
  } catch (error) {
    button.disabled = false;
    button.textContent = "mark wrong (failed: " + error.message + ")";
  }
});

// hovering an event card lights up its trigger word in the text, and the other way round
function light(event, on) {
  const node = event.target.closest("[data-event]");
  if (!node) return;
  for (const el of document.querySelectorAll('[data-event="' + CSS.escape(node.dataset.event) + '"]')) {
    el.classList.toggle("hl", on);
  }
}
document.addEventListener("mouseover", (event) => light(event, true));
document.addEventListener("mouseout", (event) => light(event, false));

// Markers [n] in the chat and the source cards are links "#open?source=...&start=...&end=...".
// One listener for the whole page opens them in the document viewer (through a Python event) instead.
const onClick = (event) => {
  const link = event.target && event.target.closest ? event.target.closest('a[href^="#open?"]') : null;
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  const query = new URLSearchParams(link.getAttribute("href").slice("#open?".length));
  trigger("click", {
    source: query.get("source"),
    start: Number(query.get("start")),
    end: Number(query.get("end")),
  });
};
// If this component is mounted again, the old listener (bound to the old trigger) must go.
if (window.__assistantOpenLinks) document.removeEventListener("click", window.__assistantOpenLinks, true);
window.__assistantOpenLinks = onClick;
document.addEventListener("click", onClick, true);

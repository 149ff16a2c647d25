// Each time a document is opened, scroll its text box to the highlighted span, and the page only as far
// as needed to show the box (the chat stays where it was on a large screen).
watch("value", () => {
  const mark = element.querySelector("mark");
  const body = element.querySelector(".doc-body");
  if (!mark || !body) return;
  body.scrollTo({ top: Math.max(0, mark.offsetTop - body.clientHeight / 3), behavior: "smooth" });
  element.scrollIntoView({ block: "nearest", behavior: "smooth" });
});

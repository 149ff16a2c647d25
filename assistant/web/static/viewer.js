// Each time a document is opened, scroll its text box to the highlighted span (and a PDF's page picture to the
// highlight drawn on it), and the page only as far as needed to show the box (the chat stays where it was on a
// large screen).
watch("value", () => {
  const mark = element.querySelector("mark");
  const body = element.querySelector(".doc-body");
  if (!mark || !body) return;
  body.scrollTo({ top: Math.max(0, mark.offsetTop - body.clientHeight / 3), behavior: "smooth" });
  const picture = element.querySelector(".page-scroll");
  const image = picture && picture.querySelector("img");
  if (image) {
    const place = () => {
      const top = parseFloat(picture.dataset.markTop || "0") * image.clientHeight;
      picture.scrollTo({ top: Math.max(0, top - picture.clientHeight / 3) });
    };
    if (image.complete) place(); else image.addEventListener("load", place, { once: true });
  }
  element.scrollIntoView({ block: "nearest", behavior: "smooth" });
});

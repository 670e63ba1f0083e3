/* slant web app: small progressive enhancements. The pages work without this file.
   - "only" buttons in the legend of an analysis: show one kind of finding at a time;
   - a slider of the lowest technique score highlighted (it starts at the operating point);
   - a click on a highlight shows why it is marked (its note) in a live region;
   - the ingest page polls its job and updates the counts until the job ends.
   No inline script anywhere: the Content-Security-Policy allows scripts from this server only. */
"use strict";

function setupLegend(root) {
  const legend = root.querySelector(".slant-legend");
  if (!legend) return;
  const boxes = Array.from(legend.querySelectorAll("input[type=checkbox]"));
  boxes.forEach((box) => {
    const only = document.createElement("button");
    only.type = "button";
    only.className = "web-only";
    only.textContent = "only";
    only.title = "Show only this kind of finding";
    only.addEventListener("click", () => {
      boxes.forEach((other) => { other.checked = other === box; });
    });
    box.parentElement.after(only);
  });
  const all = document.createElement("button");
  all.type = "button";
  all.className = "web-only web-all";
  all.textContent = "show all";
  all.addEventListener("click", () => boxes.forEach((box) => { box.checked = true; }));
  legend.append(all);
}

function setupScoreSlider(root) {
  const legend = root.querySelector(".slant-legend[data-min-score]");
  if (!legend) return;
  const label = document.createElement("label");
  label.className = "web-min-score";
  const slider = document.createElement("input");
  slider.type = "range";
  slider.min = "0";
  slider.max = "1";
  slider.step = "0.05";
  slider.value = legend.dataset.minScore;
  slider.setAttribute("aria-label", "Lowest technique score shown");
  const shown = document.createElement("output");
  shown.textContent = Number(slider.value).toFixed(2);
  label.append("Technique score ≥ ", slider, " ", shown);
  slider.addEventListener("input", () => {
    const threshold = Number(slider.value);
    shown.textContent = threshold.toFixed(2);
    const low = root.querySelector(".show-low");
    if (low) low.checked = false;
    root.querySelectorAll(".hl[data-score]").forEach((piece) => {
      piece.classList.toggle("t-low", Number(piece.dataset.score) < threshold);
    });
  });
  legend.append(label);
}

function setupNotes(root) {
  const note = root.querySelector("#slant-note");
  const text = root.querySelector(".slant-text");
  if (!note || !text) return;
  text.addEventListener("click", (event) => {
    const mark = event.target.closest(".hl");
    if (!mark || !text.contains(mark)) return;
    root.querySelectorAll(".hl.web-selected").forEach((el) => el.classList.remove("web-selected"));
    mark.classList.add("web-selected");
    note.textContent = "“" + mark.textContent + "”: " + (mark.getAttribute("title") || "").split(" | ").join(" · ");
    note.hidden = false;
  });
}

function setupIngest(job) {
  const url = job.dataset.jobUrl;
  const field = (name) => job.querySelector('[data-field="' + name + '"]');
  async function poll() {
    let data;
    try {
      const response = await fetch(url, { headers: { accept: "application/json" } });
      data = await response.json();
      if (!response.ok) throw new Error(data.error || response.statusText);
    } catch (error) {
      field("error").textContent = String(error.message || error);
      field("error").hidden = false;
      return;
    }
    ["state", "read", "added", "present", "failed", "annotated", "to_annotate"].forEach((name) => {
      field(name).textContent = String(data[name]);
    });
    const bar = field("progress");
    if (data.state === "done") { bar.max = 1; bar.value = 1; }
    else if (data.state === "annotating" && data.to_annotate > 0) {
      bar.max = data.to_annotate; bar.value = data.annotated;
    } else { bar.removeAttribute("value"); }
    const failures = field("failures");
    failures.replaceChildren(...data.failures.map((message) => {
      const item = document.createElement("li");
      item.textContent = message;
      return item;
    }));
    if (data.error) { field("error").textContent = data.error; field("error").hidden = false; }
    if (data.state !== "done" && data.state !== "failed") setTimeout(poll, 700);
    else job.dataset.finished = data.state;
  }
  poll();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-slant-analysis]").forEach((root) => {
    setupLegend(root);
    setupScoreSlider(root);
    setupNotes(root);
  });
  const job = document.getElementById("ingest-job");
  if (job) setupIngest(job);
});

/* The compare report frame: grow it to the report's height once it has loaded (the frame is
   sandboxed without scripts but same-origin, so its height can be read from here). */
document.addEventListener("DOMContentLoaded", () => {
  const frame = document.getElementById("compare-frame");
  if (!frame) return;
  const fit = () => {
    const doc = frame.contentDocument;
    if (doc && doc.documentElement) frame.style.height = doc.documentElement.scrollHeight + 24 + "px";
  };
  frame.addEventListener("load", fit);
  if (frame.contentDocument && frame.contentDocument.readyState === "complete") fit();
});

// The SentimentKit page: no framework and no build step. It calls the endpoints beside it (relative URLs, so it
// works under any prefix) and writes text only through textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const text = $("text");
let sequence = 0;      // answers to older requests are dropped when a newer one was sent
let timer = 0;

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, json };
}

async function analyze() {
  const value = text.value;
  const mine = ++sequence;
  if (value.trim() === "") {
    $("result").hidden = true;
    $("error").hidden = true;
    document.body.dataset.state = "idle";
    return;
  }

  document.body.dataset.state = "busy";
  try {
    let answer = await post("explain", { text: value });
    let explained = true;
    if (answer.status === 501) {
      // A model that cannot explain still predicts: show the label without shading.
      answer = await post("predict", { texts: [value] });
      answer.json = answer.ok ? answer.json[0] : answer.json;
      explained = false;
    }

    if (mine !== sequence) {
      return;
    }

    if (!answer.ok) {
      showError(answer.json && (answer.json.detail || answer.json.title) || `The server answered ${answer.status}.`);
      return;
    }

    render(answer.json, explained);
    document.body.dataset.state = "ready";
  } catch (error) {
    if (mine === sequence) {
      showError(`The server could not be reached (${error.message}).`);
    }
  }
}

function render(result, explained) {
  $("error").hidden = true;
  $("result").hidden = false;
  $("label").textContent = result.label;
  const percent = result.confidence * 100;
  $("confidence").textContent = `${percent.toFixed(1)}% confident`;
  $("bar-fill").style.width = `${percent}%`;
  document.querySelector(".bar").setAttribute("aria-valuenow", percent.toFixed(0));

  const probabilities = $("probabilities");
  probabilities.replaceChildren(...Object.entries(result.probabilities).map(([label, p]) => {
    const item = document.createElement("li");
    item.textContent = `${label} ${(p * 100).toFixed(1)}%`;
    return item;
  }));

  $("legend-label").textContent = result.label;
  const tokens = $("tokens");
  if (!explained) {
    tokens.textContent = "This model cannot explain its predictions.";
    $("legend").hidden = true;
    return;
  }

  $("legend").hidden = false;
  const strongest = Math.max(1e-9, ...result.tokens.map((t) => Math.abs(t.attribution)));
  tokens.replaceChildren(...result.tokens.map((t) => {
    const span = document.createElement("span");
    span.className = "token";
    span.textContent = t.token;
    span.dataset.attribution = String(t.attribution);
    const strength = Math.abs(t.attribution) / strongest;
    if (strength > 0.02) {
      const side = t.attribution > 0 ? "support" : "against";
      span.classList.add(side);
      span.style.backgroundColor = `rgba(var(--${side}), ${(0.12 + 0.68 * strength).toFixed(3)})`;
    }
    span.title = `${t.attribution >= 0 ? "+" : ""}${t.attribution.toFixed(4)}`;
    return span;
  }));
}

function showError(message) {
  $("result").hidden = true;
  const error = $("error");
  error.textContent = message;
  error.hidden = false;
  document.body.dataset.state = "error";
}

async function describeModel() {
  try {
    const response = await fetch("model");
    const model = await response.json();
    const created = new Date(model.created_utc).toISOString().slice(0, 10);
    $("model").textContent = `${model.kind} model · labels ${model.labels.join(", ")} · trained ${created} · ${model.runtime} runtime · SHA-256 ${(model.file_sha256 || "").slice(0, 12)}`;
  } catch {
    $("model").textContent = "The model could not be described.";
  }
}

text.addEventListener("input", () => {
  if ($("live").checked) {
    clearTimeout(timer);
    timer = setTimeout(analyze, 300);
  }
});
$("analyze").addEventListener("click", () => {
  clearTimeout(timer);
  analyze();
});
for (const example of document.querySelectorAll(".example")) {
  example.addEventListener("click", () => {
    text.value = example.textContent;
    clearTimeout(timer);
    analyze();
  });
}

describeModel();
document.body.dataset.state = "idle";

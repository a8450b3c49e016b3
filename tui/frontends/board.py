"""The projector's board (`/teach/TOKEN/board`): a read-only page, in large type, of where the class is.

It asks the server for the class's state every second (`board.json` beside it) and shows the teacher's step;
during a question, how many have answered; after the reveal, the truth and each vote's histogram, and the shift
between the two votes. The server gives it nothing else: never a truth before its reveal, never a name, never
anyone's answer.
"""

BOARD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nn-by-hand: the class</title>
<style>
  body { margin: 0; padding: 3vh 4vw; background: #101418; color: #e8e8e8; font-family: "DejaVu Sans Mono", monospace; }
  #where { font-size: 5vw; font-weight: bold; margin-bottom: 4vh; }
  #eyes { font-size: 4vw; color: #101418; background: #f0b429; padding: 1vh 2vw; display: none; position: fixed; right: 2vw; bottom: 2vh; }
  #question { font-size: 3.5vw; }
  .count { font-size: 7vw; font-weight: bold; color: #6cb6ff; }
  .truth { font-size: 5vw; color: #7ee787; }
  .votes { display: flex; gap: 5vw; margin-top: 3vh; }
  .bar { display: inline-block; height: 2.2vw; background: #6cb6ff; vertical-align: middle; }
  table { font-size: 2vw; border-collapse: collapse; }
  td { padding: 0.3vh 1vw; white-space: nowrap; }
  .close td { color: #7ee787; }
</style></head>
<body>
<div id="eyes">Eyes up</div>
<div id="where">waiting for the teacher</div>
<div id="question"></div>
<script>
"use strict";
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function histogram(vote, number) {
  const most = Math.max(1, ...vote.bins.map((bin) => bin[1]));
  const rows = vote.bins.map(([name, count]) =>
    `<tr class="${name === "within 1%" ? "close" : ""}"><td>${escape(name)}</td>` +
    `<td><span class="bar" style="width:${(count / most) * 18}vw"></span> ${count || ""}</td></tr>`).join("");
  return `<div><div>vote ${number}: ${vote.close} of ${vote.answered} within 1%</div><table>${rows}</table></div>`;
}
function show(state) {
  document.getElementById("where").textContent = state.where || "waiting for the teacher";
  document.getElementById("eyes").style.display = state.frozen ? "block" : "none";
  const q = state.question, box = document.getElementById("question");
  if (!q) { box.innerHTML = ""; return; }
  const title = `Q${q.number}: ${escape(q.asked)}${q.vote > 1 ? " · second vote" : ""}`;
  if (q.truth === undefined) {
    box.innerHTML = `<div>${title}</div><div class="count">${q.answered} of ${q.of} answered</div>`;
    return;
  }
  const shift = q.votes.length > 1 ? `<div>${q.moved_to_close} moved to within 1%, ${q.moved_away} moved away</div>` : "";
  box.innerHTML = `<div>${title}</div><div class="truth">${escape(q.asked)} = ${q.truth.toPrecision(8)}</div>` +
    `<div class="votes">${q.votes.map((vote, i) => histogram(vote, i + 1)).join("")}</div>${shift}`;
}
async function poll() {
  try {
    const answer = await fetch(location.pathname + ".json", {cache: "no-store"});
    if (answer.ok) show(await answer.json());
  } catch (error) {}
  setTimeout(poll, 1000);
}
if (window.BOARD_STATE) show(window.BOARD_STATE);  // a picture of the board (make screenshots): no server to ask
else poll();
</script>
</body></html>
"""
"""The board's page, whole: its script reads the class's state beside it."""

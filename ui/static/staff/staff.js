// 决算问答 staff app (loaded by Gradio's <head>; no inline script). Three small jobs:
// 1. a citation link (#cite=<section>@<start>-<end>) opens 「报告浏览」 at that section, the quote highlighted;
// 2. 「复制」 under an answer copies its clean text (kept in the answer's hidden <pre class="juesuan-copy">);
// 3. Gradio's built-in English labels (aria-label/title) get Chinese ones.
(function () {
  "use strict";

  var LABELS = {
    "More tabs": "更多标签页",
    "Copy message": "复制",
    "Copied message": "已复制",
    "Copy conversation": "复制整个对话",
    "Like": "有帮助",
    "Dislike": "没帮助",
    "Feedback": "反馈",
    "Clear": "清空",
    "Retry": "重试",
    "Undo": "撤销",
    "Edit": "编辑",
    "Scroll down": "滚动到底部",
    "Download": "下载",
    "Share": "分享"
  };

  function openCite(target) {
    var box = document.querySelector("#cite-target textarea, #cite-target input");
    var go = document.getElementById("cite-go");
    if (!box || !go) return;
    box.value = target;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    go.click();
  }

  function copyText(text, link) {
    function done() {
      var old = link.getAttribute("data-label") || link.textContent;
      link.setAttribute("data-label", old);
      link.textContent = "已复制";
      setTimeout(function () { link.textContent = old; }, 1500);
    }
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); done(); } finally { area.remove(); }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#cite="], a[href="#copy"]');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    var href = link.getAttribute("href");
    if (href === "#copy") {
      var message = link.closest(".message-content") || link.parentElement;
      var pre = message && message.querySelector("pre.juesuan-copy");
      if (pre) copyText(pre.textContent, link);
    } else {
      openCite(href.slice("#cite=".length));
    }
  }, true);

  // After the report browser has rendered a cited section: bring the highlighted quote into view.
  window.juesuanShowHit = function () {
    var tries = 0;
    (function look() {
      var hit = document.getElementById("cite-hit");
      if (hit) {
        hit.scrollIntoView({ block: "center" });
        hit.classList.add("flash");
      } else if (tries++ < 30) {
        setTimeout(look, 100);
      }
    })();
  };

  function relabel(root) {
    var nodes = (root.querySelectorAll ? root.querySelectorAll("[aria-label], [title]") : []);
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var aria = node.getAttribute("aria-label");
      if (aria && LABELS[aria]) node.setAttribute("aria-label", LABELS[aria]);
      // Gradio labels each message with its raw Markdown ("bot's message: …"): screen readers get words instead.
      else if (aria && aria.indexOf("bot's message") === 0) node.setAttribute("aria-label", "回答");
      else if (aria && aria.indexOf("user's message") === 0) node.setAttribute("aria-label", "提问");
      var title = node.getAttribute("title");
      if (title && LABELS[title]) node.setAttribute("title", LABELS[title]);
    }
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; relabel(document); });
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label", "title"] });
  document.addEventListener("DOMContentLoaded", function () { relabel(document); });
})();

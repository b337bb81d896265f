// On-page instructions for the `npm start` demo, and the "Copy a demo key" button. The key is made
// in the page when the button is clicked, from a function (random characters around OpenAI's marker),
// so no key-shaped text is in this repository or in the served HTML.
const COPY_BUTTON = `<p><button type="button" id="copy-demo-key">Copy a demo key</button> <span id="copied" role="status"></span></p>
<script>
  function makeDemoKey() {
    const an = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const run = (n) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => an[b % an.length]).join('');
    return ['sk', 'proj', run(20) + btoa('OpenAI') + run(20)].join('-');
  }
  document.getElementById('copy-demo-key').addEventListener('click', async () => {
    const key = makeDemoKey();
    window.__demoKey = key;
    await navigator.clipboard.writeText(key);
    document.getElementById('copied').textContent = 'A fake OpenAI key is on your clipboard: paste it below (Ctrl+V).';
  });
</script>`;

/** Instructions per fixture site (see tests/e2e/pages/sites.ts), shown at the top of each demo page. */
export const DEMO_HELP = {
  issue: `<strong>KeyWard demo 1 of 3: paste.</strong> This is a GitHub issue form, served locally at its real address.
    Copy a demo key, click in the Description box and paste. KeyWard stops the paste before the page sees it and asks:
    <em>Insert with key redacted</em>, <em>Insert anyway</em> or <em>Cancel</em>.${COPY_BUTTON}`,
  chatgpt: `<strong>KeyWard demo 2 of 3: typing and sending.</strong> A ChatGPT-like composer built with ProseMirror.
    Type or paste a key: typed keys get a warning (the text goes in). Then press Enter: while a key is in the composer,
    KeyWard holds the send.${COPY_BUTTON}`,
  pastebin: `<strong>KeyWard demo 3 of 3: a code editor.</strong> A paste site's CodeMirror 6 editor. Paste a key here too;
    try each choice in the alert.${COPY_BUTTON}`,
};

// Tell the host the page has loaded and can call a command (the same signal GroupDesk sends
// once its first screen shows workspace data).
window.__TAURI_INTERNALS__.invoke("ready");

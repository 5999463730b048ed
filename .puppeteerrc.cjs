// Medfolio uses a system Chromium (Debian's `chromium`, or CHROMIUM_PATH); Puppeteer's own
// browser download is never needed and fails on machines without general internet access.
module.exports = { skipDownload: true };

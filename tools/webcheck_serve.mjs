// Static file server for tools/webcheck.py: serves SITE_DIR under PREFIX on 127.0.0.1, printing its URL.
// Node rather than Python's http.server: a crawler's thousands of parallel requests need a fast server.
// Usage: node tools/webcheck_serve.mjs SITE_DIR [PREFIX]
import { createServer } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { join, extname, resolve, sep } from "node:path";

const root = resolve(process.argv[2]);
const prefix = process.argv[3] || "/";
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".mjs": "text/javascript", ".json": "application/json", ".xml": "application/xml",
  ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
  ".jsonl": "application/x-ndjson", ".wasm": "application/wasm", ".png": "image/png",
  ".ico": "image/x-icon", ".gz": "application/gzip",
};

function find(urlPath) {
  if (!urlPath.startsWith(prefix)) return null;
  let rel;
  try { rel = decodeURIComponent(urlPath.slice(prefix.length)); } catch { return null; }
  const file = resolve(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    const st = statSync(file);
    if (st.isFile()) return file;
    if (st.isDirectory() && urlPath.endsWith("/")) {
      const index = join(file, "index.html");
      if (statSync(index).isFile()) return index;
    }
  } catch { /* missing */ }
  return null;
}

function send(res, status, file, head) {
  res.writeHead(status, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
  if (head) { res.end(); return; }
  createReadStream(file).on("error", () => res.destroy()).pipe(res);
}

const server = createServer((req, res) => {
  const path = new URL(req.url, "http://localhost").pathname;
  const file = find(path);
  const head = req.method === "HEAD";
  if (file) return send(res, 200, file, head);
  const notFound = join(root, "404.html");
  try { statSync(notFound); return send(res, 404, notFound, head); } catch { /* none */ }
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("not found");
});
// Idle keep-alive sockets closed by the server while the crawler reuses them show up as
// "status 0" broken links: keep them open longer than any crawl.
server.keepAliveTimeout = 120000;
server.headersTimeout = 121000;
server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
  console.log(`http://127.0.0.1:${server.address().port}${prefix}`);
});
process.stdin.on("end", () => server.close(() => process.exit(0)));
process.stdin.resume();

#!/usr/bin/env node
// The container's health check: exits 0 when this process's /healthz answers 200 within 4 s.
// Plain Node (no curl in the slim image); reads only PORT, as the server does.
const port = Number(process.env.PORT || 3000);
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
    signal: AbortSignal.timeout(4000),
  });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}

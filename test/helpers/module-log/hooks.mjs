// Module-loading hooks (node:module register): each module's URL, one a line, appended to the
// file KINESIM_MODULE_LOG names, as it is loaded. Only ES modules pass here (and builtins they
// import); what a bundle's own `require` loads does not, which is what the test wants to see.
import { appendFileSync } from "node:fs";

export async function load(url, context, nextLoad) {
  const log = process.env.KINESIM_MODULE_LOG;
  if (log !== undefined) appendFileSync(log, `${url}\n`);
  return nextLoad(url, context);
}

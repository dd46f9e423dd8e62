// Workflow time. Inside a workflow the SDK replaces Date with the deterministic workflow clock (the
// time of the current workflow task, replayed identically), so this is safe in workflow code.
export function workflowNowMs(): number {
  return new Date().getTime();
}

// The memory this process may use, the denominator of the "memory usage" alert (checklist: 80% / 95%):
// the container's cgroup limit when one is set, otherwise the machine's memory. Node reports "no limit"
// as 0, undefined (no support) or a huge cgroup-v1 sentinel; all of those fall back to the machine.

/** `constrained` is process.constrainedMemory(); `total` is os.totalmem(). */
export function memoryLimitBytes (constrained: number | undefined, total: number): number {
  return constrained !== undefined && constrained > 0 && constrained < total ? constrained : total
}

// Why an SMS was not sent: its number replied STOP (the words stored as the message's last error).
export function optOutReason(phone: string, at: Date, reason: string | null): string {
  return `Skipped: ${phone} opted out of SMS on ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC${reason ? ` (${reason})` : ''}`;
}

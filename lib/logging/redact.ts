// Connection strings may carry credentials; anything logged or shown goes through here first.
export function redactUri (uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_match, scheme: string, userinfo: string) => {
    const user = userinfo.split(':')[0]
    return userinfo.includes(':') ? `${scheme}${user}:***@` : `${scheme}${user}@`
  })
}

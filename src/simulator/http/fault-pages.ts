/** Bodies shared by fault modes of both simulators. */

/** What an nginx reverse proxy serves for 502/503 when the upstream is down. */
export function proxyErrorPage(status: 502 | 503): string {
  const text = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return `<html>\r\n<head><title>${text}</title></head>\r\n<body>\r\n<center><h1>${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** A single-sign-on login page an auth proxy answers with HTTP 200 instead of the API response. */
export const HTML_LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title></head>
<body>
<form method="post" action="/login">
  <h1>Please sign in</h1>
  <label>Username <input name="username"></label>
  <label>Password <input name="password" type="password"></label>
  <button type="submit">Sign in</button>
</form>
</body>
</html>
`;

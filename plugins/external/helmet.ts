// Security headers on every response (DESIGN.md 6). The API only returns JSON and text, so its content
// security policy allows nothing at all; Swagger UI under /docs sets its own policy for its pages
// (staticCSP in routes/docs.ts), the only place that needs scripts and styles.
import helmet from '@fastify/helmet'

export const autoConfig = {
  global: true,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"]
    }
  }
}

export default helmet

// Generated from docs/openapi.json by `npm run openapi` (openapi-typescript); do not edit.

export interface paths {
    "/v1/integrations/telegram/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Telegram webhook
         * @description Telegram delivers updates here (enabled when TELEGRAM_BOT_TOKEN or TELEGRAM_BOT_TOKEN_FILE is set, else 404). Verified by X-Telegram-Bot-Api-Secret-Token against TELEGRAM_WEBHOOK_SECRET (401 otherwise). Answers 200 at once; the reply goes back through the Bot API. A redelivered update_id gets no second reply.
         */
        post: operations["telegramWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Service health with MongoDB and Redis checks
         * @description 200 healthy or degraded (Redis down, still serving); 503 unhealthy when MongoDB is unreachable.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness to serve traffic
         * @description 503 while starting, while draining on shutdown, or when MongoDB is unreachable.
         */
        get: operations["getReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Prometheus text exposition format. Needs an API key with the `metrics` scope.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/twirp/acai.chat.ChatService/StartConversation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Twirp: start a conversation with its first message
         * @description Twirp JSON (Go service compatible). With session_metadata naming platform and chat_id, behaves as POST /v1/sessions/messages: continues that chat's active conversation or starts one.
         */
        post: operations["twirpStartConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/twirp/acai.chat.ChatService/ContinueConversation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Twirp: send a message to a conversation and get the reply
         * @description Twirp JSON (Go service compatible). Continues conversation_id; without it, the chat named by session_metadata (platform and chat_id) as POST /v1/sessions/messages does.
         */
        post: operations["twirpContinueConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/twirp/acai.chat.ChatService/ListConversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Twirp: list conversations, newest activity first
         * @description Twirp JSON (Go service compatible). The caller's latest 100 conversations, without messages; `{}` when there are none.
         */
        post: operations["twirpListConversations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/twirp/acai.chat.ChatService/DescribeConversation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Twirp: get a conversation with its messages
         * @description Twirp JSON (Go service compatible). Messages oldest first (the latest 1000). Unknown, malformed and other keys' ids are not_found.
         */
        post: operations["twirpDescribeConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit log entries
         * @description Security events (keys created, revoked, expired; prompts published; conversations deleted; sessions reset; backups and restores; bursts of failed authentication), newest first.
         */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the API keys
         * @description Every key, oldest first, with its status; never a key, a hash or a signing secret.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description Answers the key (and, with `requireSignature`, its signing secret) this once: only a hash of the key is kept.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Refused from now on by this instance, by others within API_KEY_CACHE_TTL_MS. 404 for an unknown or already revoked key.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/prompts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the system prompts
         * @description Every version of every platform's system prompt (or of one platform), newest first. `default` applies to platforms without their own.
         */
        get: operations["listPrompts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/prompts/{platform}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Publish a new system prompt version
         * @description Adds the platform's next version as the active one; earlier versions stay listed, inactive.
         */
        put: operations["putPrompt"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List conversations, newest activity first
         * @description Cursor pagination: pass `nextCursor` as `cursor` for the next page; pages never repeat or skip a conversation when new ones are created meanwhile.
         */
        get: operations["listConversations"];
        put?: never;
        /**
         * Start a conversation with its first message
         * @description Stores the message, then produces the reply and the title in parallel. Answers 201 with both stored messages.
         */
        post: operations["createConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a conversation with its latest messages
         * @description Messages oldest first; `messagesLimit` of the latest, and `before` (the `nextBefore` of the previous page) for older ones.
         */
        get: operations["getConversation"];
        put?: never;
        post?: never;
        /** Delete a conversation and its messages */
        delete: operations["deleteConversation"];
        options?: never;
        head?: never;
        /** Rename a conversation */
        patch: operations["renameConversation"];
        trace?: never;
    };
    "/v1/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message and get the reply
         * @description Stores the message before the assistant runs. 201 with both stored messages; with `Accept: text/event-stream` the reply streams (200): `delta` events {text}, `tool` events {name, ok}, then `done` with the same body as the 201.
         */
        post: operations["postMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Produce the missing reply to the last message
         * @description After a 503 from the assistant the user message is stored without a reply; this produces it. 409 when the last user message already has a reply or one is being produced.
         */
        post: operations["replyToLastMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a chat message, continuing the chat's active conversation
         * @description Continues the conversation of this platform and chat while it has been active within SESSION_TTL (sliding), otherwise starts a new one with the session metadata. 201 with both stored messages; `started` says whether a conversation was started.
         */
        post: operations["postSessionMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{platform}/{chatId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Reset a chat's session
         * @description The chat's next message starts a new conversation. The old conversation is kept. 204 whether or not a session was active.
         */
        delete: operations["resetSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Token usage of this API key per day
         * @description Prompt and completion tokens the language model reported for this key's requests, per UTC day, newest first; days without usage are left out. The offline assistant uses no tokens.
         */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * ErrorResponse
         * @description The error shape of every non-2xx response
         */
        ErrorResponse: {
            /** @example 404 */
            statusCode: number;
            /** @example NOT_FOUND */
            code: string;
            /** @example Not Found */
            error: string;
            /** @example Conversation not found */
            message: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description The id of this request in the service's log: the caller's own X-Request-Id when it is a token of 1 to 64 letters, digits and `_.:-`, otherwise a fresh UUID. Quote it when reporting a problem. */
        "X-Request-Id": string;
        /** @description Requests allowed per window by the limit closest to refusing (per client IP or per API key) */
        "RateLimit-Limit": string;
        /** @description Requests left in the current window of that limit */
        "RateLimit-Remaining": string;
        /** @description Seconds until the current window of that limit ends */
        "RateLimit-Reset": string;
        /** @description Seconds to wait before retrying */
        "Retry-After": string;
        /** @description `true` when this is the stored response of an earlier request with the same Idempotency-Key (the assistant did not run again) */
        "Idempotent-Replayed": "true";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    telegramWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description the secret given to setWebhook */
                "x-telegram-bot-api-secret-token"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description a Telegram Update object */
        requestBody: {
            content: {
                "application/json": {
                    update_id: number;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such conversation for this API key (unknown, malformed or another key's id) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body larger than BODY_LIMIT */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "healthy",
                     *       "timestamp": "2026-11-25T12:00:00.000Z",
                     *       "checks": {
                     *         "mongodb": "ok",
                     *         "redis": "ok"
                     *       }
                     *     }
                     */
                    "application/json": {
                        status: "healthy" | "degraded" | "unhealthy";
                        /** Format: date-time */
                        timestamp: string;
                        checks: {
                            mongodb: "ok" | "embedded" | "unavailable";
                            redis: "ok" | "embedded" | "unavailable";
                        };
                    };
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "healthy",
                     *       "timestamp": "2026-11-25T12:00:00.000Z",
                     *       "checks": {
                     *         "mongodb": "ok",
                     *         "redis": "ok"
                     *       }
                     *     }
                     */
                    "application/json": {
                        status: "healthy" | "degraded" | "unhealthy";
                        /** Format: date-time */
                        timestamp: string;
                        checks: {
                            mongodb: "ok" | "embedded" | "unavailable";
                            redis: "ok" | "embedded" | "unavailable";
                        };
                    };
                };
            };
        };
    };
    getReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                    };
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The error shape of every non-2xx response */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description The error shape of every non-2xx response */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The error shape of every non-2xx response */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The error shape of every non-2xx response */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    twirpStartConversation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Use a fresh UUID for every new request. A retry with the same key and body within 24 h returns the first response without running the assistant again; the same key with another request is 422 (keys are shared by all routes of an API key). */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description With session_metadata naming platform and chat_id, continues that chat's active conversation or starts one. lowerCamelCase names are accepted too; unknown fields are ignored. */
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description required; 1 to MAX_MESSAGE_LENGTH characters after trimming
                     * @example what's the time in Tokyo?
                     */
                    message: string;
                    /** @description the chat a bot message comes from (POST /v1/sessions/messages semantics) */
                    session_metadata?: {
                        /**
                         * @description client platform, e.g. telegram (any case; stored lower-case)
                         * @example telegram
                         */
                        platform?: string;
                        /** @example u-42 */
                        user_id?: string;
                        /**
                         * @description with platform: the chat whose session continues
                         * @example -100123456
                         */
                        chat_id?: string;
                    } & {
                        [key: string]: unknown;
                    };
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "conversation_id": "665f1c2ab4e1f2a3b4c5d6e7",
                     *       "title": "Time in Tokyo",
                     *       "reply": "It's 21:00 (Tuesday) in Tokyo."
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description ObjectId as 24 hex characters
                         * @example 665f1c2ab4e1f2a3b4c5d6e7
                         */
                        conversation_id: string;
                        title?: string;
                        /** @description the assistant's answer */
                        reply?: string;
                    };
                };
            };
            /** @description invalid_argument (meta.argument names the field) or malformed (undecodable JSON) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description unauthenticated: missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description permission_denied: the API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description not_found (unknown, malformed or another key's conversation id) or bad_route (not POST, not JSON, unknown method) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description aborted: a request with this Idempotency-Key is still in progress, or the reply is being produced */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description resource_exhausted: rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description internal */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description unavailable: MongoDB or the assistant is down (Retry-After); a stored message stays stored (meta.conversation_id) */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
        };
    };
    twirpContinueConversation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Use a fresh UUID for every new request. A retry with the same key and body within 24 h returns the first response without running the assistant again; the same key with another request is 422 (keys are shared by all routes of an API key). */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description lowerCamelCase names are accepted too; unknown fields are ignored */
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the conversation to continue; without it session_metadata (platform and chat_id) is required
                     * @example 665f1c2ab4e1f2a3b4c5d6e7
                     */
                    conversation_id?: string;
                    /**
                     * @description required; 1 to MAX_MESSAGE_LENGTH characters after trimming
                     * @example and in Madrid?
                     */
                    message: string;
                    /** @description the chat a bot message comes from (POST /v1/sessions/messages semantics) */
                    session_metadata?: {
                        /**
                         * @description client platform, e.g. telegram (any case; stored lower-case)
                         * @example telegram
                         */
                        platform?: string;
                        /** @example u-42 */
                        user_id?: string;
                        /**
                         * @description with platform: the chat whose session continues
                         * @example -100123456
                         */
                        chat_id?: string;
                    } & {
                        [key: string]: unknown;
                    };
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reply": "It's 14:00 (Tuesday) in Madrid."
                     *     }
                     */
                    "application/json": {
                        /** @description the assistant's answer */
                        reply?: string;
                    };
                };
            };
            /** @description invalid_argument (meta.argument names the field) or malformed (undecodable JSON) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description unauthenticated: missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description permission_denied: the API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description not_found (unknown, malformed or another key's conversation id) or bad_route (not POST, not JSON, unknown method) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description aborted: a request with this Idempotency-Key is still in progress, or the reply is being produced */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description resource_exhausted: rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description internal */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description unavailable: MongoDB or the assistant is down (Retry-After); a stored message stays stored (meta.conversation_id) */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
        };
    };
    twirpListConversations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description No fields. lowerCamelCase names are accepted too; unknown fields are ignored. */
        requestBody: {
            content: {
                /** @example {} */
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "conversations": [
                     *         {
                     *           "id": "665f1c2ab4e1f2a3b4c5d6e7",
                     *           "title": "Time in Tokyo",
                     *           "timestamp": "2026-11-25T12:00:00Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description newest activity first, at most 100, without messages; omitted when there are none */
                        conversations?: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            /**
                             * @description omitted while the conversation has no title
                             * @example Time in Tokyo
                             */
                            title?: string;
                            /**
                             * Format: date-time
                             * @description last update, RFC 3339 UTC
                             * @example 2026-11-25T12:00:00Z
                             */
                            timestamp: string;
                            /** @description oldest first; only in DescribeConversation */
                            messages?: {
                                /**
                                 * @description ObjectId as 24 hex characters
                                 * @example 665f1c2ab4e1f2a3b4c5d6e7
                                 */
                                id: string;
                                role: "USER" | "ASSISTANT";
                                content?: string;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339, UTC
                                 * @example 2026-11-25T12:00:00Z
                                 */
                                timestamp: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description invalid_argument (meta.argument names the field) or malformed (undecodable JSON) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description unauthenticated: missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description permission_denied: the API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description not_found (unknown, malformed or another key's conversation id) or bad_route (not POST, not JSON, unknown method) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description resource_exhausted: rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description internal */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description unavailable: MongoDB or the assistant is down (Retry-After); a stored message stays stored (meta.conversation_id) */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
        };
    };
    twirpDescribeConversation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One of conversation_id or conversationId. Unknown fields are ignored. */
        requestBody: {
            content: {
                "application/json": ({
                    /** @example 665f1c2ab4e1f2a3b4c5d6e7 */
                    conversation_id?: string;
                    /**
                     * @description conversation_id in lowerCamelCase
                     * @example 665f1c2ab4e1f2a3b4c5d6e7
                     */
                    conversationId?: string;
                } & {
                    [key: string]: unknown;
                }) | unknown | unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** TwirpConversation */
                        conversation: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            /**
                             * @description omitted while the conversation has no title
                             * @example Time in Tokyo
                             */
                            title?: string;
                            /**
                             * Format: date-time
                             * @description last update, RFC 3339 UTC
                             * @example 2026-11-25T12:00:00Z
                             */
                            timestamp: string;
                            /** @description oldest first; only in DescribeConversation */
                            messages?: {
                                /**
                                 * @description ObjectId as 24 hex characters
                                 * @example 665f1c2ab4e1f2a3b4c5d6e7
                                 */
                                id: string;
                                role: "USER" | "ASSISTANT";
                                content?: string;
                                /**
                                 * Format: date-time
                                 * @description RFC 3339, UTC
                                 * @example 2026-11-25T12:00:00Z
                                 */
                                timestamp: string;
                            }[];
                        };
                    };
                };
            };
            /** @description invalid_argument (meta.argument names the field) or malformed (undecodable JSON) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description unauthenticated: missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description permission_denied: the API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description not_found (unknown, malformed or another key's conversation id) or bad_route (not POST, not JSON, unknown method) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description resource_exhausted: rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description internal */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description unavailable: MongoDB or the assistant is down (Retry-After); a stored message stays stored (meta.conversation_id) */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Twirp error code
                         * @example not_found
                         */
                        code: string;
                        /** @example Conversation not found */
                        msg: string;
                        /**
                         * @example {
                         *       "argument": "message"
                         *     }
                         */
                        meta?: {
                            [key: string]: string;
                        };
                    };
                };
            };
        };
    };
    listAuditEntries: {
        parameters: {
            query: {
                action?: "key.created" | "key.revoked" | "key.expired" | "prompt.published" | "conversation.deleted" | "session.reset" | "backup.created" | "backup.restored" | "auth.failures";
                /** @description an API key id, or cli, system, anonymous */
                actor?: string;
                /** @description entries at or after this time */
                since?: string;
                /** @description entries before this time */
                until?: string;
                /** @description entries older than this seq (the previous page's `next`) */
                before?: number;
                limit: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description position in the chain */
                            seq: number;
                            /** Format: date-time */
                            time: string;
                            actor: {
                                type: "key" | "cli" | "system" | "anonymous";
                                keyId?: string;
                                name?: string;
                            };
                            action: "key.created" | "key.revoked" | "key.expired" | "prompt.published" | "conversation.deleted" | "session.reset" | "backup.created" | "backup.restored" | "auth.failures";
                            /** @example key:665f1c2ab4e1f2a3b4c5d6e7 */
                            target: string;
                            ip: string | null;
                            requestId: string | null;
                            outcome: "success" | "failure";
                            /** @description auth.failures: failed attempts in that minute */
                            count?: number;
                            /** @description sha256 of the previous entry */
                            prevHash: string;
                            /** @description sha256 of this entry, prevHash included */
                            hash: string;
                        }[];
                        /** @description pass as `before` for older entries; null on the last page */
                        next: number | null;
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            scopes: ("chat" | "metrics" | "admin")[];
                            status: "active" | "revoked" | "expired";
                            /** Format: date-time */
                            createdAt: string;
                            revokedAt: string | null;
                            /** @description refused from this time on, like a revoked key; null: never */
                            expiresAt: string | null;
                            /** @description requests per rate-limit window for this key; null: RATE_LIMIT_KEY_MAX */
                            rateLimit: number | null;
                            /** @description every request must carry X-Acai-Timestamp and X-Acai-Signature */
                            requireSignature: boolean;
                        }[];
                    };
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "telegram-bot",
                 *       "scopes": [
                 *         "chat"
                 *       ],
                 *       "expiresAt": "2027-01-01T00:00:00Z",
                 *       "requireSignature": true
                 *     }
                 */
                "application/json": {
                    /** @description what the key is for (trimmed) */
                    name: string;
                    scopes: ("chat" | "metrics" | "admin")[];
                    /**
                     * Format: date-time
                     * @description a future time from which the key is refused
                     */
                    expiresAt?: string;
                    /** @description requests per rate-limit window (RATE_LIMIT_WINDOW_MS) instead of RATE_LIMIT_KEY_MAX */
                    rateLimit?: number;
                    /** @description true: requests must be HMAC-signed with the signing secret answered once */
                    requireSignature?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        scopes: ("chat" | "metrics" | "admin")[];
                        status: "active" | "revoked" | "expired";
                        /** Format: date-time */
                        createdAt: string;
                        revokedAt: string | null;
                        /** @description refused from this time on, like a revoked key; null: never */
                        expiresAt: string | null;
                        /** @description requests per rate-limit window for this key; null: RATE_LIMIT_KEY_MAX */
                        rateLimit: number | null;
                        /** @description every request must carry X-Acai-Timestamp and X-Acai-Signature */
                        requireSignature: boolean;
                        /** @description the API key: shown only in this answer, store it now */
                        key: string;
                        /** @description with requireSignature: the HMAC secret, shown only in this answer */
                        signingSecret?: string;
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body larger than BODY_LIMIT */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the key id (GET /v1/admin/keys) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such conversation for this API key (unknown, malformed or another key's id) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listPrompts: {
        parameters: {
            query?: {
                /**
                 * @description client platform (lower case), e.g. telegram, slack, web; picks the system prompt
                 * @example telegram
                 */
                platform?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @example telegram */
                            platform: string;
                            /** @example 2 */
                            version: number;
                            text: string;
                            /** @description the version replies use (the newest) */
                            active: boolean;
                            /** Format: date-time */
                            createdAt?: string;
                        }[];
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    putPrompt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the platform (lower case); `default` applies to platforms without their own prompt
                 * @example telegram
                 */
                platform: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "text": "You are Acai on Telegram: answer in at most three sentences."
                 *     }
                 */
                "application/json": {
                    /** @description the system prompt (trimmed) */
                    text: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example telegram */
                        platform: string;
                        /** @example 2 */
                        version: number;
                        text: string;
                        /** @description the version replies use (the newest) */
                        active: boolean;
                        /** Format: date-time */
                        createdAt?: string;
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body larger than BODY_LIMIT */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listConversations: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page (opaque) */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "665f1c2ab4e1f2a3b4c5d6e7",
                     *           "title": "Time in Tokyo",
                     *           "createdAt": "2026-11-25T12:00:00.000Z",
                     *           "updatedAt": "2026-11-25T12:00:00.000Z",
                     *           "messageCount": 2,
                     *           "metadata": {
                     *             "platform": "api"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": {
                        items: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            /**
                             * @description at most 60 characters; empty until the first reply is produced
                             * @example Time in Tokyo
                             */
                            title: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description last activity
                             */
                            updatedAt: string;
                            messageCount: number;
                            metadata: {
                                /** @example api */
                                platform: string;
                                chatId?: string;
                                userId?: string;
                            };
                        }[];
                        /** @description null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createConversation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Use a fresh UUID for every new request. A retry with the same key and body within 24 h returns the first response without running the assistant again; the same key with another request is 422 (keys are shared by all routes of an API key). */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "message": "what's the time in Tokyo?",
                 *       "metadata": {
                 *         "platform": "web",
                 *         "userId": "u-42"
                 *       }
                 *     }
                 */
                "application/json": {
                    /**
                     * @description 1 to 4000 characters after trimming
                     * @example what's the time in Tokyo?
                     */
                    message: string;
                    metadata?: {
                        /**
                         * @description client platform (lower case), e.g. telegram, slack, web; picks the system prompt
                         * @example telegram
                         */
                        platform?: string;
                        userId?: string;
                        chatId?: string;
                    };
                };
            };
        };
        responses: {
            /** @description the stored user message and the stored assistant reply */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Conversation
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e7",
                         *       "title": "Time in Tokyo",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "updatedAt": "2026-11-25T12:00:00.000Z",
                         *       "messageCount": 2,
                         *       "metadata": {
                         *         "platform": "api"
                         *       }
                         *     }
                         */
                        conversation: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            /**
                             * @description at most 60 characters; empty until the first reply is produced
                             * @example Time in Tokyo
                             */
                            title: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description last activity
                             */
                            updatedAt: string;
                            messageCount: number;
                            metadata: {
                                /** @example api */
                                platform: string;
                                chatId?: string;
                                userId?: string;
                            };
                        };
                        /**
                         * Message
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e9",
                         *       "role": "assistant",
                         *       "content": "It's 21:00 (Tuesday) in Tokyo.",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "toolCalls": [
                         *         {
                         *           "name": "get_datetime",
                         *           "ok": true
                         *         }
                         *       ]
                         *     }
                         */
                        message: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description tools the assistant called for this reply */
                            toolCalls?: {
                                /** @example get_datetime */
                                name: string;
                                /** @description false when the tool reported an error (the reply says so) */
                                ok: boolean;
                            }[];
                        };
                        /**
                         * Message
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e9",
                         *       "role": "assistant",
                         *       "content": "It's 21:00 (Tuesday) in Tokyo.",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "toolCalls": [
                         *         {
                         *           "name": "get_datetime",
                         *           "ok": true
                         *         }
                         *       ]
                         *     }
                         */
                        reply: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description tools the assistant called for this reply */
                            toolCalls?: {
                                /** @example get_datetime */
                                name: string;
                                /** @description false when the tool reported an error (the reply says so) */
                                ok: boolean;
                            }[];
                        };
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict: no reply pending, a reply already in progress, or the same Idempotency-Key still in progress */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body larger than BODY_LIMIT */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The Idempotency-Key was used with a different request */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getConversation: {
        parameters: {
            query?: {
                /** @description how many of the latest messages to return */
                messagesLimit?: number;
                /** @description nextBefore of the previous page: older messages only */
                before?: number;
            };
            header?: never;
            path: {
                /**
                 * @description ObjectId as 24 hex characters
                 * @example 665f1c2ab4e1f2a3b4c5d6e7
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Conversation
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e7",
                         *       "title": "Time in Tokyo",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "updatedAt": "2026-11-25T12:00:00.000Z",
                         *       "messageCount": 2,
                         *       "metadata": {
                         *         "platform": "api"
                         *       }
                         *     }
                         */
                        conversation: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            /**
                             * @description at most 60 characters; empty until the first reply is produced
                             * @example Time in Tokyo
                             */
                            title: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description last activity
                             */
                            updatedAt: string;
                            messageCount: number;
                            metadata: {
                                /** @example api */
                                platform: string;
                                chatId?: string;
                                userId?: string;
                            };
                        };
                        /** @description oldest first */
                        messages: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description tools the assistant called for this reply */
                            toolCalls?: {
                                /** @example get_datetime */
                                name: string;
                                /** @description false when the tool reported an error (the reply says so) */
                                ok: boolean;
                            }[];
                        }[];
                        /** @description pass as `before` for older messages; null when there are none */
                        nextBefore: number | null;
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such conversation for this API key (unknown, malformed or another key's id) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ObjectId as 24 hex characters
                 * @example 665f1c2ab4e1f2a3b4c5d6e7
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such conversation for this API key (unknown, malformed or another key's id) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    renameConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ObjectId as 24 hex characters
                 * @example 665f1c2ab4e1f2a3b4c5d6e7
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Trip to Tokyo"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description 1 to 60 characters after trimming
                     * @example Trip to Tokyo
                     */
                    title: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "665f1c2ab4e1f2a3b4c5d6e7",
                     *       "title": "Time in Tokyo",
                     *       "createdAt": "2026-11-25T12:00:00.000Z",
                     *       "updatedAt": "2026-11-25T12:00:00.000Z",
                     *       "messageCount": 2,
                     *       "metadata": {
                     *         "platform": "api"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description ObjectId as 24 hex characters
                         * @example 665f1c2ab4e1f2a3b4c5d6e7
                         */
                        id: string;
                        /**
                         * @description at most 60 characters; empty until the first reply is produced
                         * @example Time in Tokyo
                         */
                        title: string;
                        /** Format: date-time */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description last activity
                         */
                        updatedAt: string;
                        messageCount: number;
                        metadata: {
                            /** @example api */
                            platform: string;
                            chatId?: string;
                            userId?: string;
                        };
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such conversation for this API key (unknown, malformed or another key's id) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body larger than BODY_LIMIT */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    postMessage: {
        parameters: {
            query?: never;
            header?: {
                /** @description Use a fresh UUID for every new request. A retry with the same key and body within 24 h returns the first response without running the assistant again; the same key with another request is 422 (keys are shared by all routes of an API key). */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description ObjectId as 24 hex characters
                 * @example 665f1c2ab4e1f2a3b4c5d6e7
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "message": "and in Madrid?"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description 1 to 4000 characters after trimming
                     * @example what's the time in Tokyo?
                     */
                    message: string;
                };
            };
        };
        responses: {
            /** @description Only with `Accept: text/event-stream`: the reply streams as Server-Sent Events: `event: delta` data {text}, `event: tool` data {name, ok}, then `event: done` data Turn (the body of the 201), or `event: error` data ErrorResponse if it fails after the stream began. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the stored user message and the stored assistant reply */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Conversation
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e7",
                         *       "title": "Time in Tokyo",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "updatedAt": "2026-11-25T12:00:00.000Z",
                         *       "messageCount": 2,
                         *       "metadata": {
                         *         "platform": "api"
                         *       }
                         *     }
                         */
                        conversation: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            /**
                             * @description at most 60 characters; empty until the first reply is produced
                             * @example Time in Tokyo
                             */
                            title: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description last activity
                             */
                            updatedAt: string;
                            messageCount: number;
                            metadata: {
                                /** @example api */
                                platform: string;
                                chatId?: string;
                                userId?: string;
                            };
                        };
                        /**
                         * Message
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e9",
                         *       "role": "assistant",
                         *       "content": "It's 21:00 (Tuesday) in Tokyo.",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "toolCalls": [
                         *         {
                         *           "name": "get_datetime",
                         *           "ok": true
                         *         }
                         *       ]
                         *     }
                         */
                        message: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description tools the assistant called for this reply */
                            toolCalls?: {
                                /** @example get_datetime */
                                name: string;
                                /** @description false when the tool reported an error (the reply says so) */
                                ok: boolean;
                            }[];
                        };
                        /**
                         * Message
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e9",
                         *       "role": "assistant",
                         *       "content": "It's 21:00 (Tuesday) in Tokyo.",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "toolCalls": [
                         *         {
                         *           "name": "get_datetime",
                         *           "ok": true
                         *         }
                         *       ]
                         *     }
                         */
                        reply: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description tools the assistant called for this reply */
                            toolCalls?: {
                                /** @example get_datetime */
                                name: string;
                                /** @description false when the tool reported an error (the reply says so) */
                                ok: boolean;
                            }[];
                        };
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such conversation for this API key (unknown, malformed or another key's id) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict: no reply pending, a reply already in progress, or the same Idempotency-Key still in progress */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body larger than BODY_LIMIT */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The Idempotency-Key was used with a different request */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    replyToLastMessage: {
        parameters: {
            query?: never;
            header?: {
                /** @description Use a fresh UUID for every new request. A retry with the same key and body within 24 h returns the first response without running the assistant again; the same key with another request is 422 (keys are shared by all routes of an API key). */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description ObjectId as 24 hex characters
                 * @example 665f1c2ab4e1f2a3b4c5d6e7
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the stored user message and the stored assistant reply */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Conversation
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e7",
                         *       "title": "Time in Tokyo",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "updatedAt": "2026-11-25T12:00:00.000Z",
                         *       "messageCount": 2,
                         *       "metadata": {
                         *         "platform": "api"
                         *       }
                         *     }
                         */
                        conversation: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            /**
                             * @description at most 60 characters; empty until the first reply is produced
                             * @example Time in Tokyo
                             */
                            title: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description last activity
                             */
                            updatedAt: string;
                            messageCount: number;
                            metadata: {
                                /** @example api */
                                platform: string;
                                chatId?: string;
                                userId?: string;
                            };
                        };
                        /**
                         * Message
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e9",
                         *       "role": "assistant",
                         *       "content": "It's 21:00 (Tuesday) in Tokyo.",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "toolCalls": [
                         *         {
                         *           "name": "get_datetime",
                         *           "ok": true
                         *         }
                         *       ]
                         *     }
                         */
                        message: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description tools the assistant called for this reply */
                            toolCalls?: {
                                /** @example get_datetime */
                                name: string;
                                /** @description false when the tool reported an error (the reply says so) */
                                ok: boolean;
                            }[];
                        };
                        /**
                         * Message
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e9",
                         *       "role": "assistant",
                         *       "content": "It's 21:00 (Tuesday) in Tokyo.",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "toolCalls": [
                         *         {
                         *           "name": "get_datetime",
                         *           "ok": true
                         *         }
                         *       ]
                         *     }
                         */
                        reply: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description tools the assistant called for this reply */
                            toolCalls?: {
                                /** @example get_datetime */
                                name: string;
                                /** @description false when the tool reported an error (the reply says so) */
                                ok: boolean;
                            }[];
                        };
                    };
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such conversation for this API key (unknown, malformed or another key's id) */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict: no reply pending, a reply already in progress, or the same Idempotency-Key still in progress */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The Idempotency-Key was used with a different request */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    postSessionMessage: {
        parameters: {
            query?: never;
            header?: {
                /** @description Use a fresh UUID for every new request. A retry with the same key and body within 24 h returns the first response without running the assistant again; the same key with another request is 422 (keys are shared by all routes of an API key). */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "platform": "telegram",
                 *       "chatId": "-100123456",
                 *       "userId": "u-42",
                 *       "message": "¿qué hora es en Madrid?"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description client platform (lower case), e.g. telegram, slack, web; picks the system prompt
                     * @example telegram
                     */
                    platform: string;
                    /**
                     * @description the chat on that platform
                     * @example -100123456
                     */
                    chatId: string;
                    /** @example u-42 */
                    userId?: string;
                    /**
                     * @description 1 to 4000 characters after trimming
                     * @example what's the time in Tokyo?
                     */
                    message: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Conversation
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e7",
                         *       "title": "Time in Tokyo",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "updatedAt": "2026-11-25T12:00:00.000Z",
                         *       "messageCount": 2,
                         *       "metadata": {
                         *         "platform": "api"
                         *       }
                         *     }
                         */
                        conversation: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            /**
                             * @description at most 60 characters; empty until the first reply is produced
                             * @example Time in Tokyo
                             */
                            title: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description last activity
                             */
                            updatedAt: string;
                            messageCount: number;
                            metadata: {
                                /** @example api */
                                platform: string;
                                chatId?: string;
                                userId?: string;
                            };
                        };
                        /**
                         * Message
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e9",
                         *       "role": "assistant",
                         *       "content": "It's 21:00 (Tuesday) in Tokyo.",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "toolCalls": [
                         *         {
                         *           "name": "get_datetime",
                         *           "ok": true
                         *         }
                         *       ]
                         *     }
                         */
                        message: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description tools the assistant called for this reply */
                            toolCalls?: {
                                /** @example get_datetime */
                                name: string;
                                /** @description false when the tool reported an error (the reply says so) */
                                ok: boolean;
                            }[];
                        };
                        /**
                         * Message
                         * @example {
                         *       "id": "665f1c2ab4e1f2a3b4c5d6e9",
                         *       "role": "assistant",
                         *       "content": "It's 21:00 (Tuesday) in Tokyo.",
                         *       "createdAt": "2026-11-25T12:00:00.000Z",
                         *       "toolCalls": [
                         *         {
                         *           "name": "get_datetime",
                         *           "ok": true
                         *         }
                         *       ]
                         *     }
                         */
                        reply: {
                            /**
                             * @description ObjectId as 24 hex characters
                             * @example 665f1c2ab4e1f2a3b4c5d6e7
                             */
                            id: string;
                            role: "user" | "assistant";
                            content: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description tools the assistant called for this reply */
                            toolCalls?: {
                                /** @example get_datetime */
                                name: string;
                                /** @description false when the tool reported an error (the reply says so) */
                                ok: boolean;
                            }[];
                        };
                        /** @description true when this message started a new conversation */
                        started: boolean;
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict: no reply pending, a reply already in progress, or the same Idempotency-Key still in progress */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body larger than BODY_LIMIT */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The Idempotency-Key was used with a different request */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    resetSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description client platform (lower case), e.g. telegram, slack, web; picks the system prompt
                 * @example telegram
                 */
                platform: string;
                /**
                 * @description the chat on that platform
                 * @example -100123456
                 */
                chatId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reset */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getUsage: {
        parameters: {
            query: {
                /** @description how many days back, today included */
                days: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description first day covered (UTC)
                         * @example 2026-11-05
                         */
                        from: string;
                        totals: {
                            promptTokens: number;
                            completionTokens: number;
                            totalTokens: number;
                            requests: number;
                        };
                        /** @description days with usage, newest first */
                        days: {
                            /** @example 2026-12-04 */
                            day: string;
                            promptTokens: number;
                            completionTokens: number;
                            totalTokens: number;
                            /** @description replies and summary requests that used the model (a reply with tool rounds counts once; its tokens count every round) */
                            requests: number;
                        }[];
                    };
                };
            };
            /** @description Invalid input (unknown field, blank or too long message, bad cursor) */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or unknown API key */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key lacks the chat scope */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rate limited (Retry-After) */
            429: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description MongoDB or the assistant is unavailable (Retry-After); a stored user message stays stored */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}

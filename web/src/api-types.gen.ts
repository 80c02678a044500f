/**
 * Generated from the server's OpenAPI document (GET /api/docs/json) by scripts/generate-api-types.ts.
 * Do not edit: change the route schemas in src/, then run `npm run generate:api-types`.
 */

export interface paths {
    "/api/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who has access to what, now or at an instant, directly or via which group */
        get: operations["listAccess"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/access.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same answer as GET /api/access, every row, as a CSV download (cells a spreadsheet would run as formulas are defused) */
        get: operations["exportAccessCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first; page backwards with `before` = the previous page's `nextBefore` */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Walk the hash chain from the first event; names the first event that does not hold */
        get: operations["verifyAuditChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/local": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with a local account; with a one-time password, `newPassword` sets your own */
        post: operations["signInLocal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of the signed-in user, in every browser */
        post: operations["signOutEverywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How to sign in here: local accounts (when no IdP is configured) or the OpenID Connect IdP */
        get: operations["getAuthMethods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the identity provider sends the browser back (a redirect to where sign-in started, or to /sign-in?error=…) */
        get: operations["oidcCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start signing in at the identity provider (a browser navigation: answers with a redirect) */
        get: operations["signInOidc"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Connectors with their sync status and last run: the live ones, then the archived ones (archivedAt set), whose history stays readable */
        get: operations["listConnectors"];
        put?: never;
        /** Add an AWS connector; RRCU generates its External ID (then create the role from GET …/setup) */
        post: operations["createConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connectors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A connector with its sync status and last run; an archived one with what deleting its data would erase */
        get: operations["getConnector"];
        put?: never;
        post?: never;
        /** Remove (archive) a connector: no more syncs or provisioning, pending tasks cancelled; its runs, inventory history, tasks and audit trail stay readable, and count in access as of the dates it covered. Refused while it syncs or provisions */
        delete: operations["deleteConnector"];
        options?: never;
        head?: never;
        /** Change a connector: name, owners, settings (null removes one), SCIM token */
        patch: operations["updateConnector"];
        trace?: never;
    };
    "/api/connectors/{id}/purge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete an archived connector's data for good (sync runs, inventory history, provisioning tasks) after typing its name; the audit log keeps a connector.purged event with the counts */
        post: operations["purgeConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connectors/{id}/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What to create in AWS for this connector: External ID, trust policy, inline policy, Terraform, CloudFormation, and the actions RRCU calls */
        get: operations["getConnectorSetup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connectors/{id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a sync of the connector (follow it in GET /api/syncs); while one is already waiting, that one is answered */
        post: operations["syncConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connectors/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assume the role and make the cheapest real call of each read action the connector uses; writes are not tried */
        post: operations["testConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/kinds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The report kinds packs can be made of, each with its parameters as a JSON Schema */
        get: operations["listEvidenceKinds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/packs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Evidence packs, newest first: who made each and when, its status and progress */
        get: operations["listEvidencePacks"];
        put?: never;
        /** Ask for an evidence pack of a report: a job makes it (status queued → running → done or failed, with progress); the parameters are the report kind's */
        post: operations["makeEvidencePack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/packs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One evidence pack: what was asked, by whom, its status and progress, and once done its SHA-256 and size */
        get: operations["getEvidencePack"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/packs/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The pack's zip (recorded in the audit log as evidence.pack_downloaded); 409 while it is not done */
        get: operations["downloadEvidencePack"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Ed25519 public key evidence packs are signed with (PEM) and its fingerprint (SHA-256 of its DER, hex): verify a pack with it, not with the key the pack carries */
        get: operations["getEvidencePublicKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in, their role, and the CSRF token to send on changes */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own access: the person of the inventory with the caller's email, and what they hold */
        get: operations["getMyAccess"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's notifications, newest first, and how many are unread */
        get: operations["getMyInbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/inbox/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one of the caller's notifications read */
        post: operations["markInboxItemRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/inbox/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark every one of the caller's notifications read */
        post: operations["markInboxRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's choices of how each kind of notification reaches them by email and Slack, and the defaults where they made none */
        get: operations["getMyNotificationPreferences"];
        /** Replace the caller's choices: per channel (email, slack) and event kind (or * for all), immediate, digest (daily) or off */
        put: operations["setMyNotificationPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My reviews: the items assigned to the caller, filtered, a page at a time */
        get: operations["listMyReviewItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/reviews/bulk-decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One decision on every item of the caller's in a campaign matching the filter; refused unless exactly expectedCount match */
        post: operations["bulkDecideMyReviewItems"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/reviews/delegate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand items assigned to the caller, all of one campaign, to another person with a reason (audited; never to the holder, never back along the chain; the new reviewer decides afresh) */
        post: operations["delegateMyReviewItems"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notification channels (email, webhooks, Slack), secrets never shown; RRCU_SMTP_URL's channel read-only (source environment) */
        get: operations["listNotificationChannels"];
        put?: never;
        /** Add a channel: its kind's settings in config, its secrets (password, signing secret, token, webhook URL) in secrets — stored encrypted, never returned */
        post: operations["createNotificationChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One notification channel, secrets never shown */
        get: operations["getNotificationChannel"];
        put?: never;
        post?: never;
        /** Archive a channel: nothing more is sent on it; its deliveries stay in the log */
        delete: operations["archiveNotificationChannel"];
        options?: never;
        head?: never;
        /** Change a channel: name, enabled, settings (replaced whole), secrets (absent keeps them, null removes them), event routing, audit streaming */
        patch: operations["updateNotificationChannel"];
        trace?: never;
    };
    "/api/notifications/channels/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test message on the channel now; the answer is its delivery as recorded (sent, or why not). Email and Slack direct messages need `to` */
        post: operations["testNotificationChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first: what was sent on which channel to whom, its status, attempts and the reason of a failure; `next` pages on */
        get: operations["listNotificationDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed or uncertain delivery again (an uncertain one may then arrive twice) */
        post: operations["retryNotificationDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/kinds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The kinds of notification RRCU sends, in words and with whom each reaches: what a channel's routing and a person's preferences choose among */
        get: operations["listNotificationKinds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/owners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Owners of a connector's accounts, permission sets and groups: set in RRCU, and read from the connector's owner tag */
        get: operations["listOwners"];
        put?: never;
        /** Make a person an owner of an account, permission set or group (audited) */
        post: operations["setOwner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/owners/{id}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End an owner record (kept, with who removed it and when; audited) */
        post: operations["removeOwner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** People (matched across IAM and Identity Center by email or user name) with their current principals */
        get: operations["listPeople"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One person with their current principals */
        get: operations["getPerson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/privileged-marks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Entitlements administrators marked privileged, newest first; with history=true the unmarked ones too */
        get: operations["listPrivilegedMarks"];
        put?: never;
        /** Mark an entitlement of a connector's current inventory privileged, with a reason; the access explorer counts it privileged from now */
        post: operations["markPrivileged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/privileged-marks/{id}/unmark": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a privileged mark, with a reason; the mark stays in the history */
        post: operations["unmarkPrivileged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/request-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Request policies: what may be requested, by whom, who approves, for how long */
        get: operations["listRequestPolicies"];
        /** Apply a policy document: created (201), or updated by name on its connector as a new version, or unchanged when the document is the one stored (200). Audited */
        put: operations["applyRequestPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/request-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One request policy, by id or by name (`connector` names its connector where several have a policy of that name) */
        get: operations["getRequestPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/request-policies/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive a policy: nothing new is requested under it; requests made under it keep their terms (audited) */
        post: operations["archiveRequestPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/request-policies/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a policy document would do, from the last sync: who is eligible, who approves each step, what it makes requestable, and names the sync does not know */
        post: operations["previewRequestPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** `mine`: the caller’s requests; `approvals`: requests waiting for the caller’s decision, and break-glass ones awaiting their review after the fact; `all` (administrators and auditors): every request. Newest first */
        get: operations["listRequests"];
        put?: never;
        /** Request access for a limited time: a permission set on one or more accounts, or a group membership. Refused when no policy lets the caller, or when the only possible approver is the caller; `breakGlass` (where the policy allows it) is granted at once and reviewed after */
        post: operations["submitRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One request with its approval steps, decisions, targets (one per account, with their tasks) and timeline: for its requester, its approvers, administrators and auditors; anyone else gets 404 */
        get: operations["getRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve as an approver of its current step (never your own request); the last approval needed sends it to provisioning */
        post: operations["approveRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/requests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw your own request while it is pending */
        post: operations["cancelRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/requests/{id}/deny": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deny as an approver of its current step, with an optional comment */
        post: operations["denyRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/requests/{id}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for more time on your active request: a new request linked to it, approved like a new one, capped by the policy */
        post: operations["extendRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/requests/{id}/post-hoc-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Review a break-glass request after the fact, as an approver of its policy's step 1 (never your own): appropriate, or inappropriate with a comment, which revokes access still held and tells the Connector Administrators. Once per request */
        post: operations["reviewBreakGlassRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/requests/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End granted access early (the requester, an approver or an administrator): removed in AWS unless something else grants it, which the request then names */
        post: operations["revokeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/requests/requestable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the caller may request: each entitlement with the policy that applies (and why), its durations, ticket and justification rules, and approval steps */
        get: operations["listRequestable"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/review-items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One item with its reviewer context, decisions and reassignments: for its current reviewer, administrators and auditors */
        get: operations["getReviewItem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/review-items/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Keep or Revoke an item assigned to the caller (a comment is required on Revoke); changeable until its stage closes */
        post: operations["decideReviewItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/review-items/{id}/holder-access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything the item's holder has now, directly and through groups, a page at a time: the person's (every principal matched to them), or the principal's when no person matched. A reviewer sees the person whole; for the item's current reviewer, administrators and auditors */
        get: operations["getReviewItemHolderAccess"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/review-items/{id}/remediation/done": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Say a manual removal is done (who and when, audited); the next sync that started after it and no longer sees the grant makes it Remediated */
        post: operations["markReviewRemediationDone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/review-items/{id}/remediation/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask again for a revoke whose provisioning task failed: a new task, the item's remediation back to task_queued (audited) */
        post: operations["retryReviewRemediation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Access review campaigns, with their progress */
        get: operations["listReviewCampaigns"];
        put?: never;
        /** Create a campaign as a draft: scope, reviewer plan, options, due date (audited) */
        post: operations["createReviewCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One campaign: its snapshot (completeness proof) and progress */
        get: operations["getReviewCampaign"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/{id}/advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the open stage: the next stage reviews what it kept, or the campaign closes after the last */
        post: operations["advanceReviewCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the campaign: decisions lock, undecided items are Not reviewed, revokes go to provisioning */
        post: operations["closeReviewCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/{id}/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The export as a CSV download (cells a spreadsheet would run as formulas are defused) */
        get: operations["exportReviewCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/{id}/export.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every item with reviewer, decision, time, comment, stage, reassignments, remediation task and observing sync */
        get: operations["exportReviewJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/{id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A campaign's items, filtered, a page at a time */
        get: operations["listReviewItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/{id}/launch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Launch a draft: snapshot the population of the last committed sync and assign reviewers (asks for a sync first when that sync failed or is too old) */
        post: operations["launchReviewCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give items of the campaign to another reviewer, with a reason (audited; the holder of the access never gets them; the new reviewer decides afresh). Items of another campaign are a 400 */
        post: operations["reassignReviewItems"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/{id}/statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Items per reviewer, decided and pending, median seconds per decision, and reviewers whose decisions look rubber-stamped */
        get: operations["getReviewStatistics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** People to hand review items to, by part of a name or email: id, name and email only, a few at a time. For readers, and for a person holding a review item of an active campaign (the people directory is for readers) */
        get: operations["findReviewPeople"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reviews/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The population a draft would review, from the connector's last committed sync: items by kind and by reviewer */
        post: operations["previewReviewCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Suggestions for an access question: people, principals, accounts, groups and permission sets whose name, id or email contains q; those equal to q (case aside) first, then those starting with it */
        get: operations["search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/slack/interactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Slack's interactions with RRCU's messages (Approve/Deny, Keep/Revoke and the comment form): signed by Slack with the Slack app's signing secret, not by a session or token. Set it as the Slack app's Interactivity Request URL */
        post: operations["slackInteraction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sync runs, newest first, with live progress while running */
        get: operations["listSyncs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sync run: counts, changes, API calls per operation, warnings, error, progress */
        get: operations["getSync"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What this run changed since the connector's previous successful run (empty for a first run) */
        get: operations["getSyncDiff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/syncs/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** When every connector is synced on its own (RRCU_SYNC_SCHEDULE), and the next times */
        get: operations["getSyncSchedule"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Provisioning tasks, newest first */
        get: operations["listTasks"];
        put?: never;
        /** Ask for access to be granted or revoked in AWS; the task runs on a worker (poll GET /api/tasks/:id) */
        post: operations["requestTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One provisioning task */
        get: operations["getTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens, newest first: the caller's own, or every token for the Super Administrator (the tokens themselves are never shown again). From a signed-in session only */
        get: operations["listTokens"];
        put?: never;
        /** Create an API token for scripts, acting as the caller with one role at or below the caller's; the answer is the only time the token is shown. From a signed-in session only */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token (the caller's own; any for the Super Administrator): its next request is refused. From a signed-in session only */
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everyone who has signed in to RRCU, with their role and live sessions */
        get: operations["listUsers"];
        put?: never;
        /** Create a local user (no identity provider configured) with a role and a one-time password, returned this once */
        post: operations["createLocalUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set a user's role or disable them (disabling ends their sessions); nobody changes their own */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/users/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a local user a new one-time password, returned this once; their sessions end and the old password stops working */
        post: operations["resetLocalUserPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/revoke-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign a user out of every browser */
        post: operations["revokeUserSessions"];
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
        ErrorBody: {
            error: {
                code: string;
                fields?: {
                    /** @description The field: `body.…`, `querystring.…` or `params.…` when the route's schema refused it; its path in the body (or the query's name) when a rule of the service did, e.g. `justification` */
                    field: string;
                    /** @description What is wrong with it */
                    message: string;
                }[];
                fix?: string;
                message: string;
            };
        };
    };
    responses: {
        /** @description Refused or failed: a stable code, what happened, what to do; for invalid input, the fields at fault */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAccess: {
        parameters: {
            query?: {
                /** @description Account id or name: who holds what on it */
                account?: string;
                /** @description Answer as of this instant (default: now) */
                at?: string;
                connectorId?: string;
                /** @description `true`: only grants to principals outside the organisation (roles other accounts, or anyone, may assume) */
                external?: "true";
                /** @description Group id or name: its members */
                group?: string;
                limit?: number;
                offset?: number;
                /** @description Permission set name or ARN: who holds it, on which accounts */
                permissionSet?: string;
                /** @description Email, display name or user name of a person: everything they can reach */
                person?: string;
                /** @description Id (ARN, Identity Center id) or name of a user, group or role: what it holds */
                principal?: string;
                /** @description `true`: only grants whose entitlement is privileged (docs/privileged-access.md) */
                privileged?: "true";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        /** @description When the first successful sync of the connector(s) asked about started: history starts there, nothing is known before it. Null before any sync */
                        firstSyncAt: string | null;
                        items: {
                            /** @description The connector that synced the grant (and can revoke it) */
                            connectorId: string;
                            entitlement: string | null;
                            /** @description The entitlement's stable key, as POST /api/privileged-marks takes it */
                            entitlementKey: string;
                            /** @description The grant row, for `rrcu revoke --grant`; null on a grant a task added that no sync has seen yet (see `pending`) */
                            grantId: number | null;
                            /** @description A change a provisioning task verified in AWS that no sync has seen yet; null once a sync committed after it (the sync is then the truth) */
                            pending: {
                                /**
                                 * @description grant: held since the task verified it; revoke: no longer held since then (the row is shown, not counted in the totals)
                                 * @enum {string}
                                 */
                                kind: "grant" | "revoke";
                                taskId: string;
                                /** @description When the task read its change back from AWS */
                                verifiedAt: string;
                            } | null;
                            permissionSetArn: string | null;
                            principalId: string;
                            principalName: string | null;
                            principalType: string;
                            /** @description Whether the entitlement gives administrator-level access (docs/privileged-access.md); null when the sync could not read its policies, or RRCU does not assess that kind */
                            privileged: boolean | null;
                            /** @description An administrator's mark making the entitlement privileged at the instant asked about (POST /api/privileged-marks); null when unmarked */
                            privilegedMark: {
                                at: string;
                                /** @description Who marked it, by name */
                                by: string;
                                id: string;
                                reason: string;
                            } | null;
                            /** @description Why it is privileged (or what could not be assessed), as a reviewer reads it */
                            privilegedReasons: string[];
                            /** @description The just-in-time access request holding this direct grant at the instant asked: its grant task made the grant and it had not ended then; null when none does (held through a group, standing access, or the request ended) */
                            request: {
                                /** @description When the request ends and its grant is removed unless something else grants it */
                                expiresAt: string | null;
                                /** @description The request, "#N" (GET /api/requests/:id) */
                                id: number;
                                /** @description The request's status now (active, or how it ended when asked about a past instant) */
                                status: string;
                            } | null;
                            resourceId: string;
                            resourceName: string | null;
                            resourceType: string;
                            seenFrom: string;
                            via: string | null;
                            viaName: string | null;
                        }[];
                        /** @description Rows in the whole answer, for paging: totals.grants, plus the rows shown revoked by a task no sync has seen yet */
                        total: number;
                        /** @description Counts over the whole answer, not only this page */
                        totals: {
                            direct: number;
                            /** @description Distinct entitlements by resource type and name */
                            entitlements: number;
                            grants: number;
                            /** @description Distinct principals (type and id) */
                            principals: number;
                            /** @description Distinct accounts and resources the grants are on */
                            resources: number;
                            viaGroup: number;
                        };
                    };
                };
            };
        };
    };
    exportAccessCsv: {
        parameters: {
            query?: {
                /** @description Account id or name: who holds what on it */
                account?: string;
                /** @description Answer as of this instant (default: now) */
                at?: string;
                connectorId?: string;
                /** @description `true`: only grants to principals outside the organisation (roles other accounts, or anyone, may assume) */
                external?: "true";
                /** @description Group id or name: its members */
                group?: string;
                /** @description Permission set name or ARN: who holds it, on which accounts */
                permissionSet?: string;
                /** @description Email, display name or user name of a person: everything they can reach */
                person?: string;
                /** @description Id (ARN, Identity Center id) or name of a user, group or role: what it holds */
                principal?: string;
                /** @description `true`: only grants whose entitlement is privileged (docs/privileged-access.md) */
                privileged?: "true";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description `user:<id>`, `token:<id>`, `system`, `cli:<os user>` */
                actor?: string;
                before?: number;
                limit?: number;
                /** @description e.g. `connector:<id>`, `provisioning_task:<id>` */
                subject?: string;
                /** @description An event type (`provisioning.requested`) or a family (`provisioning`) */
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            actor: string;
                            actorName: string | null;
                            data: {
                                [key: string]: unknown;
                            };
                            hash: string;
                            occurredAt: string;
                            seq: number;
                            subject: string | null;
                            type: string;
                        }[];
                        nextBefore: number | null;
                    };
                };
            };
        };
    };
    verifyAuditChain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: number;
                        lastHash: string;
                        /** @enum {boolean} */
                        ok: true;
                    } | {
                        badSeq: number;
                        events: number;
                        /** @enum {boolean} */
                        ok: false;
                        reason: string;
                    };
                };
            };
        };
    };
    signInLocal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    newPassword?: string;
                    password: string;
                    username: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrfToken: string | null;
                        simulation: {
                            connectorId: string;
                            endpoint: string;
                        } | null;
                        user: {
                            displayName: string;
                            email: string | null;
                            id: string | null;
                            /** @enum {string} */
                            role: "super_admin" | "connector_admin" | "auditor" | "person";
                            roleLabel: string;
                        };
                        /** @enum {string} */
                        via: "session" | "token";
                    };
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": null;
                };
            };
        };
    };
    signOutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": null;
                };
            };
        };
    };
    getAuthMethods: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        local: boolean;
                        oidc: {
                            issuer: string;
                        } | null;
                        simulated: boolean;
                    };
                };
            };
        };
    };
    oidcCallback: {
        parameters: {
            query?: {
                code?: string;
                error?: string;
                state?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    signInOidc: {
        parameters: {
            query?: {
                /** @description A path on RRCU to come back to; anything else means / */
                returnTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listConnectors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description When it was removed (archived): it no longer syncs or provisions; its history stays. Null while live */
                            archivedAt: string | null;
                            /** @description Who archived it, as the audit log names actors */
                            archivedBy: string | null;
                            /** @description That actor's name, when a user or an API token */
                            archivedByName: string | null;
                            config: {
                                crossAccountRoleName?: string;
                                endpoint?: string;
                                externalId?: string;
                                identityCenterRegion?: string;
                                organizations?: boolean;
                                ownerTag?: string;
                                region?: string;
                                roleArn?: string;
                                scimEndpoint?: string;
                            };
                            /** @description Saved settings that today's rules refuse (saved under older or looser ones): until the connector is edited with valid ones, it does not sync, provision, test or give its setup documents */
                            configProblems: {
                                /** @description The setting, as the API names it in a request's body (config.region) */
                                field: string;
                                /** @description What today's rules refuse in its saved value */
                                message: string;
                            }[];
                            createdAt: string;
                            hasScimToken: boolean;
                            /** @description For an archived connector (GET one): what deleting its data for good would erase */
                            history?: {
                                entitlements: number;
                                grants: number;
                                /** @description Administrators' privileged marks on its entitlements, active and unmarked */
                                marks: number;
                                /** @description Owners set in RRCU on its resources, current and removed (access review campaigns are kept, never purged) */
                                owners: number;
                                /** @description Versions of resources (accounts, users, groups, roles, permission sets) */
                                resources: number;
                                runs: number;
                                /** @description Provisioning tasks */
                                tasks: number;
                            };
                            id: string;
                            /** @enum {string} */
                            kind: "aws";
                            lastRun: {
                                apiCalls: {
                                    operations: {
                                        calls: number;
                                        operation: string;
                                        /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                        retries: {
                                            network: number;
                                            serverError: number;
                                            throttled: number;
                                        };
                                    }[];
                                    /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                    retries: {
                                        network: number;
                                        serverError: number;
                                        throttled: number;
                                    };
                                    /** @description Throttled attempts that were retried */
                                    throttled: number;
                                    total: number;
                                };
                                /** @description What the snapshot changed */
                                changes: {
                                    [key: string]: number;
                                };
                                connectorId: string;
                                connectorName: string;
                                /** @description Items seen per kind and resource type, e.g. `resource:iam_user`, `grant` */
                                counts: {
                                    [key: string]: number;
                                };
                                durationMs: number | null;
                                error: {
                                    code: string;
                                    fix?: string;
                                    message: string;
                                } | null;
                                finishedAt: string | null;
                                /** @description The last sign of life of the run: a running sync writes it at least every 15 s */
                                heartbeatAt: string;
                                id: number;
                                /** @description What a running sync is doing now; null once it has finished */
                                progress: {
                                    apiCalls: number;
                                    detail?: string;
                                    /** @description Items stored so far in this attempt */
                                    items: number;
                                    /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                    retries?: {
                                        network: number;
                                        serverError: number;
                                        throttled: number;
                                    };
                                    stage: string;
                                    throttled: number;
                                } | null;
                                /** @description Running, yet silent for more than 60 s: its process most likely died (crash, kill, restart), and the next sync of the connector resumes it */
                                stale: boolean;
                                startedAt: string;
                                /** @enum {string} */
                                status: "running" | "succeeded" | "failed";
                                warnings: {
                                    code: string;
                                    fix?: string;
                                    message: string;
                                }[];
                            } | null;
                            name: string;
                            owners: string[];
                            /** @description The connector's endpoint is the built-in AWS simulator's */
                            simulated: boolean;
                            /**
                             * @description syncing while a run runs; else how the last finished run ended; not_connected before any has
                             * @enum {string}
                             */
                            status: "not_connected" | "syncing" | "connected" | "error";
                            updatedAt: string;
                        }[];
                    };
                };
            };
        };
    };
    createConnector: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    config: {
                        /** @description Also sync IAM of every member account through this role */
                        crossAccountRoleName?: string;
                        /**
                         * Format: uri
                         * @description AWS API endpoint override (a simulator): refused unless RRCU_ALLOW_CUSTOM_ENDPOINTS is on or it is this RRCU's own built-in simulator
                         */
                        endpoint?: string;
                        /** @description The External ID of a role that already exists; absent means RRCU generates one (recommended) */
                        externalId?: string;
                        /** @description Sync IAM Identity Center in this region */
                        identityCenterRegion?: string;
                        /** @description List every account of the organisation (the role must be in the management account) */
                        organizations?: boolean;
                        /** @description The tag whose value (an email) names a resource's owner, where the sync reads tags */
                        ownerTag?: string;
                        /** @description Region for STS, IAM and Organizations calls */
                        region?: string;
                        /** @description The IAM role RRCU assumes; without it, the default AWS credentials as they are */
                        roleArn?: string;
                        /**
                         * Format: uri
                         * @description The Identity Center SCIM endpoint (https://scim.<region>.amazonaws.com/…/scim/v2), for user status; needs scimToken, again whenever it changes
                         */
                        scimEndpoint?: string;
                    };
                    name: string;
                    /** @description Emails of who answers for the connector */
                    owners?: string[];
                    /** @description The SCIM access token; stored encrypted, never shown again */
                    scimToken?: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description When it was removed (archived): it no longer syncs or provisions; its history stays. Null while live */
                        archivedAt: string | null;
                        /** @description Who archived it, as the audit log names actors */
                        archivedBy: string | null;
                        /** @description That actor's name, when a user or an API token */
                        archivedByName: string | null;
                        config: {
                            crossAccountRoleName?: string;
                            endpoint?: string;
                            externalId?: string;
                            identityCenterRegion?: string;
                            organizations?: boolean;
                            ownerTag?: string;
                            region?: string;
                            roleArn?: string;
                            scimEndpoint?: string;
                        };
                        /** @description Saved settings that today's rules refuse (saved under older or looser ones): until the connector is edited with valid ones, it does not sync, provision, test or give its setup documents */
                        configProblems: {
                            /** @description The setting, as the API names it in a request's body (config.region) */
                            field: string;
                            /** @description What today's rules refuse in its saved value */
                            message: string;
                        }[];
                        createdAt: string;
                        hasScimToken: boolean;
                        /** @description For an archived connector (GET one): what deleting its data for good would erase */
                        history?: {
                            entitlements: number;
                            grants: number;
                            /** @description Administrators' privileged marks on its entitlements, active and unmarked */
                            marks: number;
                            /** @description Owners set in RRCU on its resources, current and removed (access review campaigns are kept, never purged) */
                            owners: number;
                            /** @description Versions of resources (accounts, users, groups, roles, permission sets) */
                            resources: number;
                            runs: number;
                            /** @description Provisioning tasks */
                            tasks: number;
                        };
                        id: string;
                        /** @enum {string} */
                        kind: "aws";
                        lastRun: {
                            apiCalls: {
                                operations: {
                                    calls: number;
                                    operation: string;
                                    /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                    retries: {
                                        network: number;
                                        serverError: number;
                                        throttled: number;
                                    };
                                }[];
                                /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                retries: {
                                    network: number;
                                    serverError: number;
                                    throttled: number;
                                };
                                /** @description Throttled attempts that were retried */
                                throttled: number;
                                total: number;
                            };
                            /** @description What the snapshot changed */
                            changes: {
                                [key: string]: number;
                            };
                            connectorId: string;
                            connectorName: string;
                            /** @description Items seen per kind and resource type, e.g. `resource:iam_user`, `grant` */
                            counts: {
                                [key: string]: number;
                            };
                            durationMs: number | null;
                            error: {
                                code: string;
                                fix?: string;
                                message: string;
                            } | null;
                            finishedAt: string | null;
                            /** @description The last sign of life of the run: a running sync writes it at least every 15 s */
                            heartbeatAt: string;
                            id: number;
                            /** @description What a running sync is doing now; null once it has finished */
                            progress: {
                                apiCalls: number;
                                detail?: string;
                                /** @description Items stored so far in this attempt */
                                items: number;
                                /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                retries?: {
                                    network: number;
                                    serverError: number;
                                    throttled: number;
                                };
                                stage: string;
                                throttled: number;
                            } | null;
                            /** @description Running, yet silent for more than 60 s: its process most likely died (crash, kill, restart), and the next sync of the connector resumes it */
                            stale: boolean;
                            startedAt: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "failed";
                            warnings: {
                                code: string;
                                fix?: string;
                                message: string;
                            }[];
                        } | null;
                        name: string;
                        owners: string[];
                        /** @description The connector's endpoint is the built-in AWS simulator's */
                        simulated: boolean;
                        /**
                         * @description syncing while a run runs; else how the last finished run ended; not_connected before any has
                         * @enum {string}
                         */
                        status: "not_connected" | "syncing" | "connected" | "error";
                        updatedAt: string;
                    };
                };
            };
        };
    };
    getConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description When it was removed (archived): it no longer syncs or provisions; its history stays. Null while live */
                        archivedAt: string | null;
                        /** @description Who archived it, as the audit log names actors */
                        archivedBy: string | null;
                        /** @description That actor's name, when a user or an API token */
                        archivedByName: string | null;
                        config: {
                            crossAccountRoleName?: string;
                            endpoint?: string;
                            externalId?: string;
                            identityCenterRegion?: string;
                            organizations?: boolean;
                            ownerTag?: string;
                            region?: string;
                            roleArn?: string;
                            scimEndpoint?: string;
                        };
                        /** @description Saved settings that today's rules refuse (saved under older or looser ones): until the connector is edited with valid ones, it does not sync, provision, test or give its setup documents */
                        configProblems: {
                            /** @description The setting, as the API names it in a request's body (config.region) */
                            field: string;
                            /** @description What today's rules refuse in its saved value */
                            message: string;
                        }[];
                        createdAt: string;
                        hasScimToken: boolean;
                        /** @description For an archived connector (GET one): what deleting its data for good would erase */
                        history?: {
                            entitlements: number;
                            grants: number;
                            /** @description Administrators' privileged marks on its entitlements, active and unmarked */
                            marks: number;
                            /** @description Owners set in RRCU on its resources, current and removed (access review campaigns are kept, never purged) */
                            owners: number;
                            /** @description Versions of resources (accounts, users, groups, roles, permission sets) */
                            resources: number;
                            runs: number;
                            /** @description Provisioning tasks */
                            tasks: number;
                        };
                        id: string;
                        /** @enum {string} */
                        kind: "aws";
                        lastRun: {
                            apiCalls: {
                                operations: {
                                    calls: number;
                                    operation: string;
                                    /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                    retries: {
                                        network: number;
                                        serverError: number;
                                        throttled: number;
                                    };
                                }[];
                                /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                retries: {
                                    network: number;
                                    serverError: number;
                                    throttled: number;
                                };
                                /** @description Throttled attempts that were retried */
                                throttled: number;
                                total: number;
                            };
                            /** @description What the snapshot changed */
                            changes: {
                                [key: string]: number;
                            };
                            connectorId: string;
                            connectorName: string;
                            /** @description Items seen per kind and resource type, e.g. `resource:iam_user`, `grant` */
                            counts: {
                                [key: string]: number;
                            };
                            durationMs: number | null;
                            error: {
                                code: string;
                                fix?: string;
                                message: string;
                            } | null;
                            finishedAt: string | null;
                            /** @description The last sign of life of the run: a running sync writes it at least every 15 s */
                            heartbeatAt: string;
                            id: number;
                            /** @description What a running sync is doing now; null once it has finished */
                            progress: {
                                apiCalls: number;
                                detail?: string;
                                /** @description Items stored so far in this attempt */
                                items: number;
                                /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                retries?: {
                                    network: number;
                                    serverError: number;
                                    throttled: number;
                                };
                                stage: string;
                                throttled: number;
                            } | null;
                            /** @description Running, yet silent for more than 60 s: its process most likely died (crash, kill, restart), and the next sync of the connector resumes it */
                            stale: boolean;
                            startedAt: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "failed";
                            warnings: {
                                code: string;
                                fix?: string;
                                message: string;
                            }[];
                        } | null;
                        name: string;
                        owners: string[];
                        /** @description The connector's endpoint is the built-in AWS simulator's */
                        simulated: boolean;
                        /**
                         * @description syncing while a run runs; else how the last finished run ended; not_connected before any has
                         * @enum {string}
                         */
                        status: "not_connected" | "syncing" | "connected" | "error";
                        updatedAt: string;
                    };
                };
            };
        };
    };
    deleteConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": null;
                };
            };
        };
    };
    updateConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Only the fields to change; a field set to null is removed. The External ID never changes. */
                    config?: {
                        /** @description Also sync IAM of every member account through this role */
                        crossAccountRoleName?: string | null;
                        /**
                         * Format: uri
                         * @description AWS API endpoint override (a simulator): refused unless RRCU_ALLOW_CUSTOM_ENDPOINTS is on or it is this RRCU's own built-in simulator
                         */
                        endpoint?: string | null;
                        /** @description Sync IAM Identity Center in this region */
                        identityCenterRegion?: string | null;
                        /** @description List every account of the organisation (the role must be in the management account) */
                        organizations?: boolean | null;
                        /** @description The tag whose value (an email) names a resource's owner, where the sync reads tags */
                        ownerTag?: string | null;
                        /** @description Region for STS, IAM and Organizations calls */
                        region?: string | null;
                        /** @description The IAM role RRCU assumes; without it, the default AWS credentials as they are */
                        roleArn?: string | null;
                        /**
                         * Format: uri
                         * @description The Identity Center SCIM endpoint (https://scim.<region>.amazonaws.com/…/scim/v2), for user status; needs scimToken, again whenever it changes
                         */
                        scimEndpoint?: string | null;
                    };
                    name?: string;
                    /** @description Emails of who answers for the connector */
                    owners?: string[];
                    /** @description A new SCIM access token, or null to remove it; required again when scimEndpoint changes */
                    scimToken?: string | null;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description When it was removed (archived): it no longer syncs or provisions; its history stays. Null while live */
                        archivedAt: string | null;
                        /** @description Who archived it, as the audit log names actors */
                        archivedBy: string | null;
                        /** @description That actor's name, when a user or an API token */
                        archivedByName: string | null;
                        config: {
                            crossAccountRoleName?: string;
                            endpoint?: string;
                            externalId?: string;
                            identityCenterRegion?: string;
                            organizations?: boolean;
                            ownerTag?: string;
                            region?: string;
                            roleArn?: string;
                            scimEndpoint?: string;
                        };
                        /** @description Saved settings that today's rules refuse (saved under older or looser ones): until the connector is edited with valid ones, it does not sync, provision, test or give its setup documents */
                        configProblems: {
                            /** @description The setting, as the API names it in a request's body (config.region) */
                            field: string;
                            /** @description What today's rules refuse in its saved value */
                            message: string;
                        }[];
                        createdAt: string;
                        hasScimToken: boolean;
                        /** @description For an archived connector (GET one): what deleting its data for good would erase */
                        history?: {
                            entitlements: number;
                            grants: number;
                            /** @description Administrators' privileged marks on its entitlements, active and unmarked */
                            marks: number;
                            /** @description Owners set in RRCU on its resources, current and removed (access review campaigns are kept, never purged) */
                            owners: number;
                            /** @description Versions of resources (accounts, users, groups, roles, permission sets) */
                            resources: number;
                            runs: number;
                            /** @description Provisioning tasks */
                            tasks: number;
                        };
                        id: string;
                        /** @enum {string} */
                        kind: "aws";
                        lastRun: {
                            apiCalls: {
                                operations: {
                                    calls: number;
                                    operation: string;
                                    /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                    retries: {
                                        network: number;
                                        serverError: number;
                                        throttled: number;
                                    };
                                }[];
                                /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                retries: {
                                    network: number;
                                    serverError: number;
                                    throttled: number;
                                };
                                /** @description Throttled attempts that were retried */
                                throttled: number;
                                total: number;
                            };
                            /** @description What the snapshot changed */
                            changes: {
                                [key: string]: number;
                            };
                            connectorId: string;
                            connectorName: string;
                            /** @description Items seen per kind and resource type, e.g. `resource:iam_user`, `grant` */
                            counts: {
                                [key: string]: number;
                            };
                            durationMs: number | null;
                            error: {
                                code: string;
                                fix?: string;
                                message: string;
                            } | null;
                            finishedAt: string | null;
                            /** @description The last sign of life of the run: a running sync writes it at least every 15 s */
                            heartbeatAt: string;
                            id: number;
                            /** @description What a running sync is doing now; null once it has finished */
                            progress: {
                                apiCalls: number;
                                detail?: string;
                                /** @description Items stored so far in this attempt */
                                items: number;
                                /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                retries?: {
                                    network: number;
                                    serverError: number;
                                    throttled: number;
                                };
                                stage: string;
                                throttled: number;
                            } | null;
                            /** @description Running, yet silent for more than 60 s: its process most likely died (crash, kill, restart), and the next sync of the connector resumes it */
                            stale: boolean;
                            startedAt: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "failed";
                            warnings: {
                                code: string;
                                fix?: string;
                                message: string;
                            }[];
                        } | null;
                        name: string;
                        owners: string[];
                        /** @description The connector's endpoint is the built-in AWS simulator's */
                        simulated: boolean;
                        /**
                         * @description syncing while a run runs; else how the last finished run ended; not_connected before any has
                         * @enum {string}
                         */
                        status: "not_connected" | "syncing" | "connected" | "error";
                        updatedAt: string;
                    };
                };
            };
        };
    };
    purgeConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The connector's name, typed again: the data cannot be restored */
                    confirm: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        erased: {
                            entitlements: number;
                            grants: number;
                            /** @description Administrators' privileged marks on its entitlements, active and unmarked */
                            marks: number;
                            /** @description Owners set in RRCU on its resources, current and removed (access review campaigns are kept, never purged) */
                            owners: number;
                            /** @description Versions of resources (accounts, users, groups, roles, permission sets) */
                            resources: number;
                            runs: number;
                            /** @description Provisioning tasks */
                            tasks: number;
                        };
                        id: string;
                        name: string;
                    };
                };
            };
        };
    };
    getConnectorSetup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actions: {
                            action: string;
                            feature: string;
                            required: boolean;
                            use: string;
                        }[];
                        cloudFormation: string;
                        externalId: string;
                        inlinePolicy: {
                            [key: string]: unknown;
                        };
                        /** @description The identity RRCU runs as, which the trust policy names; null when RRCU found no AWS credentials */
                        rrcuIdentity: string | null;
                        terraform: string;
                        trustPolicy: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    syncConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alreadyQueued: boolean;
                        jobId: string;
                    };
                };
            };
        };
    };
    testConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            action: string;
                            feature: string;
                            fix?: string;
                            message: string;
                            required: boolean;
                            /** @enum {string} */
                            status: "ok" | "denied" | "failed" | "not_checked";
                        }[];
                        /** @description Nothing required was denied or failed */
                        ok: boolean;
                    };
                };
            };
        };
    };
    listEvidenceKinds: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @enum {string} */
                            kind: "campaign" | "access_at" | "access_changes" | "jit_access" | "privileged_access" | "orphaned_identities";
                            parameters: unknown;
                        }[];
                    };
                };
            };
        };
    };
    listEvidencePacks: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            error: string | null;
                            finishedAt: string | null;
                            id: string;
                            kind: string;
                            madeAt: string;
                            madeBy: string;
                            madeByName: string | null;
                            parameters: {
                                [key: string]: unknown;
                            };
                            progress: number;
                            sha256: string | null;
                            size: number | null;
                            /** @enum {string} */
                            status: "queued" | "running" | "done" | "failed";
                        }[];
                    };
                };
            };
        };
    };
    makeEvidencePack: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "campaign" | "access_at" | "access_changes" | "jit_access" | "privileged_access" | "orphaned_identities";
                    /** @default {} */
                    parameters?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string | null;
                        finishedAt: string | null;
                        id: string;
                        kind: string;
                        madeAt: string;
                        madeBy: string;
                        madeByName: string | null;
                        parameters: {
                            [key: string]: unknown;
                        };
                        progress: number;
                        sha256: string | null;
                        size: number | null;
                        /** @enum {string} */
                        status: "queued" | "running" | "done" | "failed";
                    };
                };
            };
        };
    };
    getEvidencePack: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string | null;
                        finishedAt: string | null;
                        id: string;
                        kind: string;
                        madeAt: string;
                        madeBy: string;
                        madeByName: string | null;
                        parameters: {
                            [key: string]: unknown;
                        };
                        progress: number;
                        sha256: string | null;
                        size: number | null;
                        /** @enum {string} */
                        status: "queued" | "running" | "done" | "failed";
                    };
                };
            };
        };
    };
    downloadEvidencePack: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getEvidencePublicKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        algorithm: "ed25519";
                        fingerprint: string;
                        publicKeyPem: string;
                    };
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrfToken: string | null;
                        simulation: {
                            connectorId: string;
                            endpoint: string;
                        } | null;
                        user: {
                            displayName: string;
                            email: string | null;
                            id: string | null;
                            /** @enum {string} */
                            role: "super_admin" | "connector_admin" | "auditor" | "person";
                            roleLabel: string;
                        };
                        /** @enum {string} */
                        via: "session" | "token";
                    };
                };
            };
        };
    };
    getMyAccess: {
        parameters: {
            query?: {
                /** @description Answer as of this instant (default: now) */
                at?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        /** @description When the first successful sync started: history starts there, nothing is known before it. Null before any sync */
                        firstSyncAt: string | null;
                        items: {
                            /** @description The connector that synced the grant (and can revoke it) */
                            connectorId: string;
                            entitlement: string | null;
                            /** @description The entitlement's stable key, as POST /api/privileged-marks takes it */
                            entitlementKey: string;
                            /** @description The grant row, for `rrcu revoke --grant`; null on a grant a task added that no sync has seen yet (see `pending`) */
                            grantId: number | null;
                            /** @description A change a provisioning task verified in AWS that no sync has seen yet; null once a sync committed after it (the sync is then the truth) */
                            pending: {
                                /**
                                 * @description grant: held since the task verified it; revoke: no longer held since then (the row is shown, not counted in the totals)
                                 * @enum {string}
                                 */
                                kind: "grant" | "revoke";
                                taskId: string;
                                /** @description When the task read its change back from AWS */
                                verifiedAt: string;
                            } | null;
                            permissionSetArn: string | null;
                            principalId: string;
                            principalName: string | null;
                            principalType: string;
                            /** @description Whether the entitlement gives administrator-level access (docs/privileged-access.md); null when the sync could not read its policies, or RRCU does not assess that kind */
                            privileged: boolean | null;
                            /** @description An administrator's mark making the entitlement privileged at the instant asked about (POST /api/privileged-marks); null when unmarked */
                            privilegedMark: {
                                at: string;
                                /** @description Who marked it, by name */
                                by: string;
                                id: string;
                                reason: string;
                            } | null;
                            /** @description Why it is privileged (or what could not be assessed), as a reviewer reads it */
                            privilegedReasons: string[];
                            /** @description The just-in-time access request holding this direct grant at the instant asked: its grant task made the grant and it had not ended then; null when none does (held through a group, standing access, or the request ended) */
                            request: {
                                /** @description When the request ends and its grant is removed unless something else grants it */
                                expiresAt: string | null;
                                /** @description The request, "#N" (GET /api/requests/:id) */
                                id: number;
                                /** @description The request's status now (active, or how it ended when asked about a past instant) */
                                status: string;
                            } | null;
                            resourceId: string;
                            resourceName: string | null;
                            resourceType: string;
                            seenFrom: string;
                            via: string | null;
                            viaName: string | null;
                        }[];
                        person: {
                            displayName: string;
                            email: string | null;
                            id: string;
                        } | null;
                        /** @description Counts over the whole answer, not only this page */
                        totals: {
                            direct: number;
                            /** @description Distinct entitlements by resource type and name */
                            entitlements: number;
                            grants: number;
                            /** @description Distinct principals (type and id) */
                            principals: number;
                            /** @description Distinct accounts and resources the grants are on */
                            resources: number;
                            viaGroup: number;
                        };
                    };
                };
            };
        };
    };
    getMyInbox: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `true`: only unread notifications */
                unread?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            body: string;
                            createdAt: string;
                            id: string;
                            kind: string;
                            /** @description A path of the web app */
                            link: string | null;
                            readAt: string | null;
                            title: string;
                        }[];
                        unread: number;
                    };
                };
            };
        };
    };
    markInboxItemRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
        };
    };
    markInboxRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description How many were unread */
                        marked: number;
                    };
                };
            };
        };
    };
    getMyNotificationPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        defaults: {
                            digest: {
                                email: string[];
                                slack: string[];
                            };
                            /** @enum {string} */
                            otherwise: "immediate";
                        };
                        items: {
                            /** @enum {string} */
                            channelKind: "email" | "slack";
                            eventKind: string;
                            /** @enum {string} */
                            mode: "immediate" | "digest" | "off";
                        }[];
                    };
                };
            };
        };
    };
    setMyNotificationPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: {
                        /** @enum {string} */
                        channelKind: "email" | "slack";
                        eventKind: string;
                        /** @enum {string} */
                        mode: "immediate" | "digest" | "off";
                    }[];
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        defaults: {
                            digest: {
                                email: string[];
                                slack: string[];
                            };
                            /** @enum {string} */
                            otherwise: "immediate";
                        };
                        items: {
                            /** @enum {string} */
                            channelKind: "email" | "slack";
                            eventKind: string;
                            /** @enum {string} */
                            mode: "immediate" | "digest" | "off";
                        }[];
                    };
                };
            };
        };
    };
    listMyReviewItems: {
        parameters: {
            query?: {
                campaignId?: string;
                decision?: "keep" | "revoke" | "undecided";
                kind?: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust";
                limit?: number;
                offset?: number;
                outcome?: "pending" | "kept" | "revoked" | "not_reviewed";
                principalId?: string;
                privileged?: "true" | "false";
                /** @description true: only items whose Revoke is being carried out; false: only the others (what a bulk decision takes) */
                remediating?: "true" | "false";
                resourceId?: string;
                /** @description Text in the principal, resource or entitlement name (case-insensitive) */
                search?: string;
                stage?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            campaignId: string;
                            /** @description The campaign the item belongs to (My reviews lists items across campaigns) */
                            campaignName: string;
                            comment: string | null;
                            /** @description What the grant brings: a membership's accounts and permission sets through the group; a group assignment's member count */
                            confers: {
                                accounts?: {
                                    accountId: string;
                                    accountName: string | null;
                                    permissionSet: string | null;
                                }[];
                                memberCount?: number;
                            };
                            decidedAt: string | null;
                            /** @enum {string|null} */
                            decision: "keep" | "revoke" | null;
                            entitlement: {
                                name: string | null;
                                slug: string;
                            };
                            id: string;
                            key: string;
                            /** @enum {string} */
                            kind: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust";
                            noEligibleReviewer: boolean;
                            /** @enum {string} */
                            outcome: "pending" | "kept" | "revoked" | "not_reviewed";
                            person: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            } | null;
                            /** @enum {string|null} */
                            policy: "manager" | "owner" | "named" | "fallback" | "administrator" | null;
                            principal: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
                            privileged: boolean | null;
                            remediation: {
                                /** @description The AWS request id the task saved for its change, where AWS gives one (an account assignment's deletion); as the campaign's evidence report shows it */
                                awsRequestId: string | null;
                                manual: boolean;
                                /** @description When an administrator said the manual removal is done (a sync that started after it proves it) */
                                manualMarkedAt: string | null;
                                /** @description Who said so (user:<id>, token:<id>, cli:<os user>) */
                                manualMarkedBy: string | null;
                                /** @description That user's name, when a user */
                                manualMarkedByName: string | null;
                                observedAt: string | null;
                                observedRunId: number | null;
                                reappearedRunId: number | null;
                                /** @description Why the revoke is not remediated when its task failed (state task_failed): the task's error */
                                reason: string | null;
                                since: string;
                                /** @enum {string} */
                                state: "pending" | "task_queued" | "task_failed" | "manual" | "remediated" | "reappeared";
                                taskId: string | null;
                                taskStatus: string | null;
                            } | null;
                            resource: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
                            reviewer: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            } | null;
                            riskFlags: ("privileged" | "inactive" | "no_matching_person" | "granted_since_last_campaign")[];
                            stage: number;
                        }[];
                        /** @description Items matching the filters, for paging */
                        total: number;
                    };
                };
            };
        };
    };
    bulkDecideMyReviewItems: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    campaignId: string;
                    comment?: string;
                    /** @enum {string} */
                    decision: "keep" | "revoke";
                    expectedCount: number;
                    /**
                     * @description Item filters (the reviewer is always the caller)
                     * @default {}
                     */
                    filter?: {
                        /** @enum {string} */
                        decision?: "keep" | "revoke" | "undecided";
                        /** @enum {string} */
                        kind?: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust";
                        /** @enum {string} */
                        outcome?: "pending" | "kept" | "revoked" | "not_reviewed";
                        principalId?: string;
                        privileged?: boolean;
                        remediating?: boolean;
                        resourceId?: string;
                        /** Format: uuid */
                        reviewerPersonId?: string;
                        search?: string;
                        stage?: number;
                    };
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        decided: number;
                    };
                };
            };
        };
    };
    delegateMyReviewItems: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    itemIds: string[];
                    reason: string;
                    /** Format: uuid */
                    toPersonId: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        delegated: number;
                    };
                };
            };
        };
    };
    listNotificationChannels: {
        parameters: {
            query?: {
                /** @description `true`: archived channels too */
                includeArchived?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            archivedAt: string | null;
                            auditStream: boolean;
                            auditStreamState: {
                                /** @description Null when the last attempt was acknowledged (or none was made yet) */
                                failure: {
                                    /** @description Why the last attempt was not acknowledged */
                                    error: string;
                                    /** @description When the last attempt failed (null for a failure recorded before RRCU kept the time) */
                                    failedAt: string | null;
                                    /** @description The first failure since the last 2xx */
                                    failingSince: string | null;
                                } | null;
                                /** @description When it acknowledged it; null before the first 2xx */
                                lastSentAt: string | null;
                                /** @description The last audit event (seq) the receiver acknowledged with a 2xx; 0 before the first */
                                lastSeq: number;
                                /** @description Audit events recorded after lastSeq: not yet acknowledged */
                                waiting: number;
                            } | null;
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            createdBy: string;
                            enabled: boolean;
                            eventKinds: string[];
                            hasSecrets: boolean;
                            id: string;
                            /** @enum {string} */
                            kind: "email" | "slack_webhook" | "slack_app" | "webhook";
                            name: string;
                            /** @enum {string} */
                            source: "settings" | "environment";
                            updatedAt: string;
                            updatedBy: string;
                        }[];
                    };
                };
            };
        };
    };
    createNotificationChannel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default false */
                    auditStream?: boolean;
                    /** @default {} */
                    config?: {
                        [key: string]: unknown;
                    };
                    /** @default true */
                    enabled?: boolean;
                    /**
                     * @default [
                     *       "*"
                     *     ]
                     */
                    eventKinds?: string[];
                    /** @enum {string} */
                    kind: "email" | "slack_webhook" | "slack_app" | "webhook";
                    name: string;
                    secrets?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        archivedAt: string | null;
                        auditStream: boolean;
                        auditStreamState: {
                            /** @description Null when the last attempt was acknowledged (or none was made yet) */
                            failure: {
                                /** @description Why the last attempt was not acknowledged */
                                error: string;
                                /** @description When the last attempt failed (null for a failure recorded before RRCU kept the time) */
                                failedAt: string | null;
                                /** @description The first failure since the last 2xx */
                                failingSince: string | null;
                            } | null;
                            /** @description When it acknowledged it; null before the first 2xx */
                            lastSentAt: string | null;
                            /** @description The last audit event (seq) the receiver acknowledged with a 2xx; 0 before the first */
                            lastSeq: number;
                            /** @description Audit events recorded after lastSeq: not yet acknowledged */
                            waiting: number;
                        } | null;
                        config: {
                            [key: string]: unknown;
                        };
                        createdAt: string;
                        createdBy: string;
                        enabled: boolean;
                        eventKinds: string[];
                        hasSecrets: boolean;
                        id: string;
                        /** @enum {string} */
                        kind: "email" | "slack_webhook" | "slack_app" | "webhook";
                        name: string;
                        /** @enum {string} */
                        source: "settings" | "environment";
                        updatedAt: string;
                        updatedBy: string;
                    };
                };
            };
        };
    };
    getNotificationChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        archivedAt: string | null;
                        auditStream: boolean;
                        auditStreamState: {
                            /** @description Null when the last attempt was acknowledged (or none was made yet) */
                            failure: {
                                /** @description Why the last attempt was not acknowledged */
                                error: string;
                                /** @description When the last attempt failed (null for a failure recorded before RRCU kept the time) */
                                failedAt: string | null;
                                /** @description The first failure since the last 2xx */
                                failingSince: string | null;
                            } | null;
                            /** @description When it acknowledged it; null before the first 2xx */
                            lastSentAt: string | null;
                            /** @description The last audit event (seq) the receiver acknowledged with a 2xx; 0 before the first */
                            lastSeq: number;
                            /** @description Audit events recorded after lastSeq: not yet acknowledged */
                            waiting: number;
                        } | null;
                        config: {
                            [key: string]: unknown;
                        };
                        createdAt: string;
                        createdBy: string;
                        enabled: boolean;
                        eventKinds: string[];
                        hasSecrets: boolean;
                        id: string;
                        /** @enum {string} */
                        kind: "email" | "slack_webhook" | "slack_app" | "webhook";
                        name: string;
                        /** @enum {string} */
                        source: "settings" | "environment";
                        updatedAt: string;
                        updatedBy: string;
                    };
                };
            };
        };
    };
    archiveNotificationChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        archivedAt: string | null;
                        auditStream: boolean;
                        auditStreamState: {
                            /** @description Null when the last attempt was acknowledged (or none was made yet) */
                            failure: {
                                /** @description Why the last attempt was not acknowledged */
                                error: string;
                                /** @description When the last attempt failed (null for a failure recorded before RRCU kept the time) */
                                failedAt: string | null;
                                /** @description The first failure since the last 2xx */
                                failingSince: string | null;
                            } | null;
                            /** @description When it acknowledged it; null before the first 2xx */
                            lastSentAt: string | null;
                            /** @description The last audit event (seq) the receiver acknowledged with a 2xx; 0 before the first */
                            lastSeq: number;
                            /** @description Audit events recorded after lastSeq: not yet acknowledged */
                            waiting: number;
                        } | null;
                        config: {
                            [key: string]: unknown;
                        };
                        createdAt: string;
                        createdBy: string;
                        enabled: boolean;
                        eventKinds: string[];
                        hasSecrets: boolean;
                        id: string;
                        /** @enum {string} */
                        kind: "email" | "slack_webhook" | "slack_app" | "webhook";
                        name: string;
                        /** @enum {string} */
                        source: "settings" | "environment";
                        updatedAt: string;
                        updatedBy: string;
                    };
                };
            };
        };
    };
    updateNotificationChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    auditStream?: boolean;
                    config?: {
                        [key: string]: unknown;
                    };
                    enabled?: boolean;
                    eventKinds?: string[];
                    name?: string;
                    secrets?: {
                        [key: string]: unknown;
                    } | null;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        archivedAt: string | null;
                        auditStream: boolean;
                        auditStreamState: {
                            /** @description Null when the last attempt was acknowledged (or none was made yet) */
                            failure: {
                                /** @description Why the last attempt was not acknowledged */
                                error: string;
                                /** @description When the last attempt failed (null for a failure recorded before RRCU kept the time) */
                                failedAt: string | null;
                                /** @description The first failure since the last 2xx */
                                failingSince: string | null;
                            } | null;
                            /** @description When it acknowledged it; null before the first 2xx */
                            lastSentAt: string | null;
                            /** @description The last audit event (seq) the receiver acknowledged with a 2xx; 0 before the first */
                            lastSeq: number;
                            /** @description Audit events recorded after lastSeq: not yet acknowledged */
                            waiting: number;
                        } | null;
                        config: {
                            [key: string]: unknown;
                        };
                        createdAt: string;
                        createdBy: string;
                        enabled: boolean;
                        eventKinds: string[];
                        hasSecrets: boolean;
                        id: string;
                        /** @enum {string} */
                        kind: "email" | "slack_webhook" | "slack_app" | "webhook";
                        name: string;
                        /** @enum {string} */
                        source: "settings" | "environment";
                        updatedAt: string;
                        updatedBy: string;
                    };
                };
            };
        };
    };
    testNotificationChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The email address of the person to send the test to (email, Slack app) */
                    to?: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        address: {
                            [key: string]: unknown;
                        };
                        attempts: number;
                        channelId: string;
                        channelKind: string;
                        channelName: string;
                        createdAt: string;
                        digestCount: number | null;
                        digestId: string | null;
                        id: string;
                        kind: string;
                        lastCode: number | null;
                        lastError: string | null;
                        nextAttemptAt: string | null;
                        notificationId: string | null;
                        personId: string | null;
                        providerRef: string | null;
                        sentAt: string | null;
                        /** @enum {string} */
                        status: "pending" | "digest" | "sending" | "sent" | "failed" | "uncertain" | "skipped";
                        userId: string | null;
                    };
                };
            };
        };
    };
    listNotificationDeliveries: {
        parameters: {
            query?: {
                before?: string;
                channelId?: string;
                kind?: string;
                limit?: number;
                status?: "pending" | "digest" | "sending" | "sent" | "failed" | "uncertain" | "skipped";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            address: {
                                [key: string]: unknown;
                            };
                            attempts: number;
                            channelId: string;
                            channelKind: string;
                            channelName: string;
                            createdAt: string;
                            digestCount: number | null;
                            digestId: string | null;
                            id: string;
                            kind: string;
                            lastCode: number | null;
                            lastError: string | null;
                            nextAttemptAt: string | null;
                            notificationId: string | null;
                            personId: string | null;
                            providerRef: string | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "digest" | "sending" | "sent" | "failed" | "uncertain" | "skipped";
                            userId: string | null;
                        }[];
                        next: string | null;
                    };
                };
            };
        };
    };
    retryNotificationDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        address: {
                            [key: string]: unknown;
                        };
                        attempts: number;
                        channelId: string;
                        channelKind: string;
                        channelName: string;
                        createdAt: string;
                        digestCount: number | null;
                        digestId: string | null;
                        id: string;
                        kind: string;
                        lastCode: number | null;
                        lastError: string | null;
                        nextAttemptAt: string | null;
                        notificationId: string | null;
                        personId: string | null;
                        providerRef: string | null;
                        sentAt: string | null;
                        /** @enum {string} */
                        status: "pending" | "digest" | "sending" | "sent" | "failed" | "uncertain" | "skipped";
                        userId: string | null;
                    };
                };
            };
        };
    };
    listNotificationKinds: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            kind: string;
                            label: string;
                            to: string;
                        }[];
                    };
                };
            };
        };
    };
    listOwners: {
        parameters: {
            query: {
                connectorId: string;
                /** @description Include removed owners (default false) */
                history?: "true" | "false";
                /** @description Account id, permission set ARN, Identity Center group id or IAM group ARN */
                resourceId?: string;
                resourceType?: "account" | "permission_set" | "sso_group" | "iam_group";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            connectorId: string;
                            /** @description The owner record; null for an owner read from a tag */
                            id: string | null;
                            person: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            };
                            /** @description Null while the owner is current */
                            removedAt: string | null;
                            removedBy: string | null;
                            resourceId: string;
                            resourceName: string;
                            resourceType: string;
                            setAt: string | null;
                            /** @description `user:<id>`, `token:<id>`, `cli:<os user>`; null for a tag owner */
                            setBy: string | null;
                            setByName: string | null;
                            /**
                             * @description `rrcu`: set in RRCU; `tag`: the resource carries the owner tag the connector names
                             * @enum {string}
                             */
                            source: "rrcu" | "tag";
                            /** @description For a tag owner: the tag */
                            tag: string | null;
                        }[];
                    };
                };
            };
        };
    };
    setOwner: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    connectorId: string;
                    /**
                     * Format: email
                     * @description The person's email, when no id is at hand
                     */
                    email?: string;
                    /**
                     * Format: uuid
                     * @description The person of the inventory
                     */
                    personId?: string;
                    /** @description Account id, permission set ARN, Identity Center group id or IAM group ARN */
                    resourceId: string;
                    /** @enum {string} */
                    resourceType: "account" | "permission_set" | "sso_group" | "iam_group";
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connectorId: string;
                        /** @description The owner record; null for an owner read from a tag */
                        id: string | null;
                        person: {
                            displayName: string;
                            email: string | null;
                            id: string;
                        };
                        /** @description Null while the owner is current */
                        removedAt: string | null;
                        removedBy: string | null;
                        resourceId: string;
                        resourceName: string;
                        resourceType: string;
                        setAt: string | null;
                        /** @description `user:<id>`, `token:<id>`, `cli:<os user>`; null for a tag owner */
                        setBy: string | null;
                        setByName: string | null;
                        /**
                         * @description `rrcu`: set in RRCU; `tag`: the resource carries the owner tag the connector names
                         * @enum {string}
                         */
                        source: "rrcu" | "tag";
                        /** @description For a tag owner: the tag */
                        tag: string | null;
                    };
                };
            };
        };
    };
    removeOwner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connectorId: string;
                        /** @description The owner record; null for an owner read from a tag */
                        id: string | null;
                        person: {
                            displayName: string;
                            email: string | null;
                            id: string;
                        };
                        /** @description Null while the owner is current */
                        removedAt: string | null;
                        removedBy: string | null;
                        resourceId: string;
                        resourceName: string;
                        resourceType: string;
                        setAt: string | null;
                        /** @description `user:<id>`, `token:<id>`, `cli:<os user>`; null for a tag owner */
                        setBy: string | null;
                        setByName: string | null;
                        /**
                         * @description `rrcu`: set in RRCU; `tag`: the resource carries the owner tag the connector names
                         * @enum {string}
                         */
                        source: "rrcu" | "tag";
                        /** @description For a tag owner: the tag */
                        tag: string | null;
                    };
                };
            };
        };
    };
    listPeople: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Part of a display name, email or user name */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attributes: {
                                costCenter?: string;
                                department?: string;
                                division?: string;
                                employeeNumber?: string;
                                organization?: string;
                                title?: string;
                            };
                            displayName: string;
                            email: string | null;
                            id: string;
                            manager: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            } | null;
                            principals: {
                                connectorId: string;
                                credentials?: {
                                    accessKeys?: {
                                        active: boolean;
                                        lastRotated: string | null;
                                        lastUsedDate: string | null;
                                        lastUsedRegion: string | null;
                                        lastUsedService: string | null;
                                    }[];
                                    mfaActive?: boolean;
                                    passwordEnabled?: boolean;
                                    passwordLastUsed?: string | null;
                                };
                                displayName: string;
                                externalId: string;
                                resourceType: string;
                            }[];
                            userName: string | null;
                        }[];
                    };
                };
            };
        };
    };
    getPerson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attributes: {
                            costCenter?: string;
                            department?: string;
                            division?: string;
                            employeeNumber?: string;
                            organization?: string;
                            title?: string;
                        };
                        displayName: string;
                        email: string | null;
                        id: string;
                        manager: {
                            displayName: string;
                            email: string | null;
                            id: string;
                        } | null;
                        principals: {
                            connectorId: string;
                            credentials?: {
                                accessKeys?: {
                                    active: boolean;
                                    lastRotated: string | null;
                                    lastUsedDate: string | null;
                                    lastUsedRegion: string | null;
                                    lastUsedService: string | null;
                                }[];
                                mfaActive?: boolean;
                                passwordEnabled?: boolean;
                                passwordLastUsed?: string | null;
                            };
                            displayName: string;
                            externalId: string;
                            resourceType: string;
                        }[];
                        userName: string | null;
                    };
                };
            };
        };
    };
    listPrivilegedMarks: {
        parameters: {
            query?: {
                connectorId?: string;
                /** @description Include unmarked marks (default false) */
                history?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            connectorId: string;
                            entitlementKey: string;
                            /** @description The entitlement as named when it was marked */
                            entitlementName: string;
                            id: string;
                            markedAt: string;
                            /** @description `user:<id>`, `token:<id>`, `cli:<os user>` */
                            markedBy: string;
                            markedByName: string;
                            reason: string;
                            /** @description Null while the mark is active */
                            unmarkedAt: string | null;
                            unmarkedBy: string | null;
                            unmarkedByName: string | null;
                            unmarkReason: string | null;
                        }[];
                    };
                };
            };
        };
    };
    markPrivileged: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description The connector whose inventory holds the entitlement
                     */
                    connectorId: string;
                    /** @description The entitlement's key, e.g. `account:123456789012#arn:aws:sso:::permissionSet/ssoins-…/ps-…` or `iam_group:arn:aws:iam::…:group/Admins#member` */
                    entitlementKey: string;
                    /** @description Why it is privileged, as a reviewer will read it */
                    reason: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connectorId: string;
                        entitlementKey: string;
                        /** @description The entitlement as named when it was marked */
                        entitlementName: string;
                        id: string;
                        markedAt: string;
                        /** @description `user:<id>`, `token:<id>`, `cli:<os user>` */
                        markedBy: string;
                        markedByName: string;
                        reason: string;
                        /** @description Null while the mark is active */
                        unmarkedAt: string | null;
                        unmarkedBy: string | null;
                        unmarkedByName: string | null;
                        unmarkReason: string | null;
                    };
                };
            };
        };
    };
    unmarkPrivileged: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Why it no longer counts as privileged */
                    reason: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connectorId: string;
                        entitlementKey: string;
                        /** @description The entitlement as named when it was marked */
                        entitlementName: string;
                        id: string;
                        markedAt: string;
                        /** @description `user:<id>`, `token:<id>`, `cli:<os user>` */
                        markedBy: string;
                        markedByName: string;
                        reason: string;
                        /** @description Null while the mark is active */
                        unmarkedAt: string | null;
                        unmarkedBy: string | null;
                        unmarkedByName: string | null;
                        unmarkReason: string | null;
                    };
                };
            };
        };
    };
    listRequestPolicies: {
        parameters: {
            query?: {
                /** @description `true`: archived policies too (default false) */
                archived?: "true" | "false";
                connectorId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            archivedAt: string | null;
                            connectorId: string;
                            connectorName: string | null;
                            createdAt: string;
                            createdBy: string;
                            /** @description The policy document, with its defaults filled in (the shape `PUT /api/request-policies` and `rrcu policy apply` take) */
                            document: {
                                /** @default [] */
                                approvalSteps: {
                                    /** @default 1 */
                                    approvals: number;
                                    approvers: ({
                                        emails: string[];
                                        /** @enum {string} */
                                        kind: "people";
                                    } | {
                                        /** @enum {string} */
                                        kind: "rrcu_role";
                                        /** @enum {string} */
                                        role: "auditor" | "connector_admin" | "super_admin";
                                    } | {
                                        group: string;
                                        /** @enum {string} */
                                        kind: "sso_group";
                                    } | {
                                        /** @default false */
                                        includeTagOwners: boolean;
                                        /** @enum {string} */
                                        kind: "owner";
                                    } | {
                                        /** @enum {string} */
                                        kind: "manager";
                                    })[];
                                }[];
                                /** @default [] */
                                autoApproval: {
                                    accountTags?: {
                                        [key: string]: string[];
                                    };
                                    permissionSets?: string[];
                                    window?: {
                                        /**
                                         * @default [
                                         *       "mon",
                                         *       "tue",
                                         *       "wed",
                                         *       "thu",
                                         *       "fri"
                                         *     ]
                                         */
                                        days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                        from: string;
                                        timeZone: string;
                                        to: string;
                                    };
                                }[];
                                /**
                                 * @default {
                                 *       "allowed": false
                                 *     }
                                 */
                                breakGlass: {
                                    /** @default false */
                                    allowed: boolean;
                                    maxDurationMinutes?: number;
                                };
                                connector: string;
                                defaultDurationMinutes: number;
                                /** @default  */
                                description: string;
                                eligibility: {
                                    /** @default [] */
                                    attributes: {
                                        attribute: string;
                                        equals: string[];
                                    }[];
                                    /** @default false */
                                    everyone: boolean;
                                    /** @default [] */
                                    people: string[];
                                    /** @default [] */
                                    ssoGroups: string[];
                                };
                                /** @default true */
                                justificationRequired: boolean;
                                maxDurationMinutes: number;
                                name: string;
                                /** @default 72 */
                                pendingTimeoutHours: number;
                                requestable: ({
                                    /** @default * */
                                    accounts: "*" | string[];
                                    /** @enum {string} */
                                    kind: "permission_set";
                                    ouPaths?: string[];
                                    permissionSet: string;
                                } | {
                                    group: string;
                                    /** @enum {string} */
                                    kind: "sso_group";
                                } | {
                                    account?: string;
                                    group: string;
                                    /** @enum {string} */
                                    kind: "iam_group";
                                })[];
                                /**
                                 * @default {
                                 *       "required": false
                                 *     }
                                 */
                                ticket: {
                                    pattern?: string;
                                    /** @default false */
                                    required: boolean;
                                };
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            updatedBy: string;
                            /** @description 1 when created; each change of the document adds one (requests keep the version they were made under) */
                            version: number;
                        }[];
                    };
                };
            };
        };
    };
    applyRequestPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default [] */
                    approvalSteps?: {
                        /** @default 1 */
                        approvals?: number;
                        approvers: ({
                            emails: string[];
                            /** @enum {string} */
                            kind: "people";
                        } | {
                            /** @enum {string} */
                            kind: "rrcu_role";
                            /** @enum {string} */
                            role: "auditor" | "connector_admin" | "super_admin";
                        } | {
                            group: string;
                            /** @enum {string} */
                            kind: "sso_group";
                        } | {
                            /** @default false */
                            includeTagOwners?: boolean;
                            /** @enum {string} */
                            kind: "owner";
                        } | {
                            /** @enum {string} */
                            kind: "manager";
                        })[];
                    }[];
                    /** @default [] */
                    autoApproval?: {
                        accountTags?: {
                            [key: string]: string[];
                        };
                        permissionSets?: string[];
                        window?: {
                            /**
                             * @default [
                             *       "mon",
                             *       "tue",
                             *       "wed",
                             *       "thu",
                             *       "fri"
                             *     ]
                             */
                            days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                            from: string;
                            timeZone: string;
                            to: string;
                        };
                    }[];
                    /**
                     * @default {
                     *       "allowed": false
                     *     }
                     */
                    breakGlass?: {
                        /** @default false */
                        allowed?: boolean;
                        maxDurationMinutes?: number;
                    };
                    connector: string;
                    defaultDurationMinutes: number;
                    /** @default  */
                    description?: string;
                    eligibility: {
                        /** @default [] */
                        attributes?: {
                            attribute: string;
                            equals: string[];
                        }[];
                        /** @default false */
                        everyone?: boolean;
                        /** @default [] */
                        people?: string[];
                        /** @default [] */
                        ssoGroups?: string[];
                    };
                    /** @default true */
                    justificationRequired?: boolean;
                    maxDurationMinutes: number;
                    name: string;
                    /** @default 72 */
                    pendingTimeoutHours?: number;
                    requestable: ({
                        /** @default * */
                        accounts?: "*" | string[];
                        /** @enum {string} */
                        kind: "permission_set";
                        ouPaths?: string[];
                        permissionSet: string;
                    } | {
                        group: string;
                        /** @enum {string} */
                        kind: "sso_group";
                    } | {
                        account?: string;
                        group: string;
                        /** @enum {string} */
                        kind: "iam_group";
                    })[];
                    /**
                     * @default {
                     *       "required": false
                     *     }
                     */
                    ticket?: {
                        pattern?: string;
                        /** @default false */
                        required?: boolean;
                    };
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description `unchanged`: the document is the one stored, no new version
                         * @enum {string}
                         */
                        outcome: "created" | "updated" | "unchanged";
                        policy: {
                            archivedAt: string | null;
                            connectorId: string;
                            connectorName: string | null;
                            createdAt: string;
                            createdBy: string;
                            /** @description The policy document, with its defaults filled in (the shape `PUT /api/request-policies` and `rrcu policy apply` take) */
                            document: {
                                /** @default [] */
                                approvalSteps: {
                                    /** @default 1 */
                                    approvals: number;
                                    approvers: ({
                                        emails: string[];
                                        /** @enum {string} */
                                        kind: "people";
                                    } | {
                                        /** @enum {string} */
                                        kind: "rrcu_role";
                                        /** @enum {string} */
                                        role: "auditor" | "connector_admin" | "super_admin";
                                    } | {
                                        group: string;
                                        /** @enum {string} */
                                        kind: "sso_group";
                                    } | {
                                        /** @default false */
                                        includeTagOwners: boolean;
                                        /** @enum {string} */
                                        kind: "owner";
                                    } | {
                                        /** @enum {string} */
                                        kind: "manager";
                                    })[];
                                }[];
                                /** @default [] */
                                autoApproval: {
                                    accountTags?: {
                                        [key: string]: string[];
                                    };
                                    permissionSets?: string[];
                                    window?: {
                                        /**
                                         * @default [
                                         *       "mon",
                                         *       "tue",
                                         *       "wed",
                                         *       "thu",
                                         *       "fri"
                                         *     ]
                                         */
                                        days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                        from: string;
                                        timeZone: string;
                                        to: string;
                                    };
                                }[];
                                /**
                                 * @default {
                                 *       "allowed": false
                                 *     }
                                 */
                                breakGlass: {
                                    /** @default false */
                                    allowed: boolean;
                                    maxDurationMinutes?: number;
                                };
                                connector: string;
                                defaultDurationMinutes: number;
                                /** @default  */
                                description: string;
                                eligibility: {
                                    /** @default [] */
                                    attributes: {
                                        attribute: string;
                                        equals: string[];
                                    }[];
                                    /** @default false */
                                    everyone: boolean;
                                    /** @default [] */
                                    people: string[];
                                    /** @default [] */
                                    ssoGroups: string[];
                                };
                                /** @default true */
                                justificationRequired: boolean;
                                maxDurationMinutes: number;
                                name: string;
                                /** @default 72 */
                                pendingTimeoutHours: number;
                                requestable: ({
                                    /** @default * */
                                    accounts: "*" | string[];
                                    /** @enum {string} */
                                    kind: "permission_set";
                                    ouPaths?: string[];
                                    permissionSet: string;
                                } | {
                                    group: string;
                                    /** @enum {string} */
                                    kind: "sso_group";
                                } | {
                                    account?: string;
                                    group: string;
                                    /** @enum {string} */
                                    kind: "iam_group";
                                })[];
                                /**
                                 * @default {
                                 *       "required": false
                                 *     }
                                 */
                                ticket: {
                                    pattern?: string;
                                    /** @default false */
                                    required: boolean;
                                };
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            updatedBy: string;
                            /** @description 1 when created; each change of the document adds one (requests keep the version they were made under) */
                            version: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description `unchanged`: the document is the one stored, no new version
                         * @enum {string}
                         */
                        outcome: "created" | "updated" | "unchanged";
                        policy: {
                            archivedAt: string | null;
                            connectorId: string;
                            connectorName: string | null;
                            createdAt: string;
                            createdBy: string;
                            /** @description The policy document, with its defaults filled in (the shape `PUT /api/request-policies` and `rrcu policy apply` take) */
                            document: {
                                /** @default [] */
                                approvalSteps: {
                                    /** @default 1 */
                                    approvals: number;
                                    approvers: ({
                                        emails: string[];
                                        /** @enum {string} */
                                        kind: "people";
                                    } | {
                                        /** @enum {string} */
                                        kind: "rrcu_role";
                                        /** @enum {string} */
                                        role: "auditor" | "connector_admin" | "super_admin";
                                    } | {
                                        group: string;
                                        /** @enum {string} */
                                        kind: "sso_group";
                                    } | {
                                        /** @default false */
                                        includeTagOwners: boolean;
                                        /** @enum {string} */
                                        kind: "owner";
                                    } | {
                                        /** @enum {string} */
                                        kind: "manager";
                                    })[];
                                }[];
                                /** @default [] */
                                autoApproval: {
                                    accountTags?: {
                                        [key: string]: string[];
                                    };
                                    permissionSets?: string[];
                                    window?: {
                                        /**
                                         * @default [
                                         *       "mon",
                                         *       "tue",
                                         *       "wed",
                                         *       "thu",
                                         *       "fri"
                                         *     ]
                                         */
                                        days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                        from: string;
                                        timeZone: string;
                                        to: string;
                                    };
                                }[];
                                /**
                                 * @default {
                                 *       "allowed": false
                                 *     }
                                 */
                                breakGlass: {
                                    /** @default false */
                                    allowed: boolean;
                                    maxDurationMinutes?: number;
                                };
                                connector: string;
                                defaultDurationMinutes: number;
                                /** @default  */
                                description: string;
                                eligibility: {
                                    /** @default [] */
                                    attributes: {
                                        attribute: string;
                                        equals: string[];
                                    }[];
                                    /** @default false */
                                    everyone: boolean;
                                    /** @default [] */
                                    people: string[];
                                    /** @default [] */
                                    ssoGroups: string[];
                                };
                                /** @default true */
                                justificationRequired: boolean;
                                maxDurationMinutes: number;
                                name: string;
                                /** @default 72 */
                                pendingTimeoutHours: number;
                                requestable: ({
                                    /** @default * */
                                    accounts: "*" | string[];
                                    /** @enum {string} */
                                    kind: "permission_set";
                                    ouPaths?: string[];
                                    permissionSet: string;
                                } | {
                                    group: string;
                                    /** @enum {string} */
                                    kind: "sso_group";
                                } | {
                                    account?: string;
                                    group: string;
                                    /** @enum {string} */
                                    kind: "iam_group";
                                })[];
                                /**
                                 * @default {
                                 *       "required": false
                                 *     }
                                 */
                                ticket: {
                                    pattern?: string;
                                    /** @default false */
                                    required: boolean;
                                };
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            updatedBy: string;
                            /** @description 1 when created; each change of the document adds one (requests keep the version they were made under) */
                            version: number;
                        };
                    };
                };
            };
        };
    };
    getRequestPolicy: {
        parameters: {
            query?: {
                /** @description The connector's name or id */
                connector?: string;
            };
            header?: never;
            path: {
                /** @description The policy id, or its name */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        archivedAt: string | null;
                        connectorId: string;
                        connectorName: string | null;
                        createdAt: string;
                        createdBy: string;
                        /** @description The policy document, with its defaults filled in (the shape `PUT /api/request-policies` and `rrcu policy apply` take) */
                        document: {
                            /** @default [] */
                            approvalSteps: {
                                /** @default 1 */
                                approvals: number;
                                approvers: ({
                                    emails: string[];
                                    /** @enum {string} */
                                    kind: "people";
                                } | {
                                    /** @enum {string} */
                                    kind: "rrcu_role";
                                    /** @enum {string} */
                                    role: "auditor" | "connector_admin" | "super_admin";
                                } | {
                                    group: string;
                                    /** @enum {string} */
                                    kind: "sso_group";
                                } | {
                                    /** @default false */
                                    includeTagOwners: boolean;
                                    /** @enum {string} */
                                    kind: "owner";
                                } | {
                                    /** @enum {string} */
                                    kind: "manager";
                                })[];
                            }[];
                            /** @default [] */
                            autoApproval: {
                                accountTags?: {
                                    [key: string]: string[];
                                };
                                permissionSets?: string[];
                                window?: {
                                    /**
                                     * @default [
                                     *       "mon",
                                     *       "tue",
                                     *       "wed",
                                     *       "thu",
                                     *       "fri"
                                     *     ]
                                     */
                                    days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                    from: string;
                                    timeZone: string;
                                    to: string;
                                };
                            }[];
                            /**
                             * @default {
                             *       "allowed": false
                             *     }
                             */
                            breakGlass: {
                                /** @default false */
                                allowed: boolean;
                                maxDurationMinutes?: number;
                            };
                            connector: string;
                            defaultDurationMinutes: number;
                            /** @default  */
                            description: string;
                            eligibility: {
                                /** @default [] */
                                attributes: {
                                    attribute: string;
                                    equals: string[];
                                }[];
                                /** @default false */
                                everyone: boolean;
                                /** @default [] */
                                people: string[];
                                /** @default [] */
                                ssoGroups: string[];
                            };
                            /** @default true */
                            justificationRequired: boolean;
                            maxDurationMinutes: number;
                            name: string;
                            /** @default 72 */
                            pendingTimeoutHours: number;
                            requestable: ({
                                /** @default * */
                                accounts: "*" | string[];
                                /** @enum {string} */
                                kind: "permission_set";
                                ouPaths?: string[];
                                permissionSet: string;
                            } | {
                                group: string;
                                /** @enum {string} */
                                kind: "sso_group";
                            } | {
                                account?: string;
                                group: string;
                                /** @enum {string} */
                                kind: "iam_group";
                            })[];
                            /**
                             * @default {
                             *       "required": false
                             *     }
                             */
                            ticket: {
                                pattern?: string;
                                /** @default false */
                                required: boolean;
                            };
                        };
                        id: string;
                        name: string;
                        updatedAt: string;
                        updatedBy: string;
                        /** @description 1 when created; each change of the document adds one (requests keep the version they were made under) */
                        version: number;
                    };
                };
            };
        };
    };
    archiveRequestPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        archivedAt: string | null;
                        connectorId: string;
                        connectorName: string | null;
                        createdAt: string;
                        createdBy: string;
                        /** @description The policy document, with its defaults filled in (the shape `PUT /api/request-policies` and `rrcu policy apply` take) */
                        document: {
                            /** @default [] */
                            approvalSteps: {
                                /** @default 1 */
                                approvals: number;
                                approvers: ({
                                    emails: string[];
                                    /** @enum {string} */
                                    kind: "people";
                                } | {
                                    /** @enum {string} */
                                    kind: "rrcu_role";
                                    /** @enum {string} */
                                    role: "auditor" | "connector_admin" | "super_admin";
                                } | {
                                    group: string;
                                    /** @enum {string} */
                                    kind: "sso_group";
                                } | {
                                    /** @default false */
                                    includeTagOwners: boolean;
                                    /** @enum {string} */
                                    kind: "owner";
                                } | {
                                    /** @enum {string} */
                                    kind: "manager";
                                })[];
                            }[];
                            /** @default [] */
                            autoApproval: {
                                accountTags?: {
                                    [key: string]: string[];
                                };
                                permissionSets?: string[];
                                window?: {
                                    /**
                                     * @default [
                                     *       "mon",
                                     *       "tue",
                                     *       "wed",
                                     *       "thu",
                                     *       "fri"
                                     *     ]
                                     */
                                    days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                    from: string;
                                    timeZone: string;
                                    to: string;
                                };
                            }[];
                            /**
                             * @default {
                             *       "allowed": false
                             *     }
                             */
                            breakGlass: {
                                /** @default false */
                                allowed: boolean;
                                maxDurationMinutes?: number;
                            };
                            connector: string;
                            defaultDurationMinutes: number;
                            /** @default  */
                            description: string;
                            eligibility: {
                                /** @default [] */
                                attributes: {
                                    attribute: string;
                                    equals: string[];
                                }[];
                                /** @default false */
                                everyone: boolean;
                                /** @default [] */
                                people: string[];
                                /** @default [] */
                                ssoGroups: string[];
                            };
                            /** @default true */
                            justificationRequired: boolean;
                            maxDurationMinutes: number;
                            name: string;
                            /** @default 72 */
                            pendingTimeoutHours: number;
                            requestable: ({
                                /** @default * */
                                accounts: "*" | string[];
                                /** @enum {string} */
                                kind: "permission_set";
                                ouPaths?: string[];
                                permissionSet: string;
                            } | {
                                group: string;
                                /** @enum {string} */
                                kind: "sso_group";
                            } | {
                                account?: string;
                                group: string;
                                /** @enum {string} */
                                kind: "iam_group";
                            })[];
                            /**
                             * @default {
                             *       "required": false
                             *     }
                             */
                            ticket: {
                                pattern?: string;
                                /** @default false */
                                required: boolean;
                            };
                        };
                        id: string;
                        name: string;
                        updatedAt: string;
                        updatedBy: string;
                        /** @description 1 when created; each change of the document adds one (requests keep the version they were made under) */
                        version: number;
                    };
                };
            };
        };
    };
    previewRequestPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default [] */
                    approvalSteps?: {
                        /** @default 1 */
                        approvals?: number;
                        approvers: ({
                            emails: string[];
                            /** @enum {string} */
                            kind: "people";
                        } | {
                            /** @enum {string} */
                            kind: "rrcu_role";
                            /** @enum {string} */
                            role: "auditor" | "connector_admin" | "super_admin";
                        } | {
                            group: string;
                            /** @enum {string} */
                            kind: "sso_group";
                        } | {
                            /** @default false */
                            includeTagOwners?: boolean;
                            /** @enum {string} */
                            kind: "owner";
                        } | {
                            /** @enum {string} */
                            kind: "manager";
                        })[];
                    }[];
                    /** @default [] */
                    autoApproval?: {
                        accountTags?: {
                            [key: string]: string[];
                        };
                        permissionSets?: string[];
                        window?: {
                            /**
                             * @default [
                             *       "mon",
                             *       "tue",
                             *       "wed",
                             *       "thu",
                             *       "fri"
                             *     ]
                             */
                            days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                            from: string;
                            timeZone: string;
                            to: string;
                        };
                    }[];
                    /**
                     * @default {
                     *       "allowed": false
                     *     }
                     */
                    breakGlass?: {
                        /** @default false */
                        allowed?: boolean;
                        maxDurationMinutes?: number;
                    };
                    connector: string;
                    defaultDurationMinutes: number;
                    /** @default  */
                    description?: string;
                    eligibility: {
                        /** @default [] */
                        attributes?: {
                            attribute: string;
                            equals: string[];
                        }[];
                        /** @default false */
                        everyone?: boolean;
                        /** @default [] */
                        people?: string[];
                        /** @default [] */
                        ssoGroups?: string[];
                    };
                    /** @default true */
                    justificationRequired?: boolean;
                    maxDurationMinutes: number;
                    name: string;
                    /** @default 72 */
                    pendingTimeoutHours?: number;
                    requestable: ({
                        /** @default * */
                        accounts?: "*" | string[];
                        /** @enum {string} */
                        kind: "permission_set";
                        ouPaths?: string[];
                        permissionSet: string;
                    } | {
                        group: string;
                        /** @enum {string} */
                        kind: "sso_group";
                    } | {
                        account?: string;
                        group: string;
                        /** @enum {string} */
                        kind: "iam_group";
                    })[];
                    /**
                     * @default {
                     *       "required": false
                     *     }
                     */
                    ticket?: {
                        pattern?: string;
                        /** @default false */
                        required?: boolean;
                    };
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connectorId: string;
                        eligible: {
                            count: number;
                            /** @description The first of them, by name */
                            people: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            }[];
                        };
                        requestable: ({
                            accounts: {
                                id: string;
                                name: string;
                                ouPath: string | null;
                            }[];
                            /** @enum {string} */
                            kind: "permission_set";
                            permissionSetArn: string;
                            permissionSetName: string;
                            /** @description The permission set's own session duration (ISO 8601, e.g. PT8H): an AWS session started before the end may last until it runs out */
                            sessionDuration: string | null;
                        } | {
                            groupId: string;
                            groupName: string;
                            /** @enum {string} */
                            kind: "sso_group";
                        } | {
                            account: {
                                id: string;
                                name: string;
                            };
                            groupArn: string;
                            groupName: string;
                            /** @enum {string} */
                            kind: "iam_group";
                        })[];
                        steps: {
                            approvals: number;
                            approvers: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            }[];
                            /** @description Sources that resolve per request (the resource owner, the requester’s manager) */
                            dependsOnRequest: string[];
                            step: number;
                        }[];
                        /** @description Names the policy gives that the last sync does not know */
                        unresolved: string[];
                    };
                };
            };
        };
    };
    listRequests: {
        parameters: {
            query?: {
                /** @description Requests numbered below this one (the next page after the last one read) */
                before?: number;
                connectorId?: string;
                limit?: number;
                /** @description Only these statuses, comma-separated (pending,active) */
                status?: string;
                view?: "mine" | "approvals" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            activeAt: string | null;
                            /** @description Why no person approved: the auto-approval rule, or break-glass */
                            autoApproved: string | null;
                            breakGlass: boolean;
                            connectorId: string | null;
                            createdAt: string;
                            currentStep: number;
                            decidedAt: string | null;
                            /** @description What already grants the requester this access ("you already hold this through group X") */
                            duplicateWarning: string | null;
                            /** @description The duration asked for was cut to the policy’s maximum */
                            durationClamped: boolean;
                            durationMinutes: number;
                            endedAt: string | null;
                            /** @description An end asked for while the grants still run, carried out once they finish */
                            ending: {
                                /** @enum {string} */
                                as: "expire" | "revoke";
                                /** @description Who asked for the end: an actor id (`user:<id>`, `token:<id>`, `system`) */
                                by: string | null;
                                /** @description Who asked for the end, by name where RRCU knows it (a user, an API token), else null */
                                byName: string | null;
                                reason: string | null;
                            } | null;
                            /** @description Why it ended, in words: who revoked or denied it is named (the actor id is in the timeline) */
                            endReason: string | null;
                            /** @description The requested entitlement as resolved against the inventory */
                            entitlement: {
                                [key: string]: unknown;
                            };
                            entitlementText: string;
                            expiresAt: string | null;
                            extensionOf: number | null;
                            /** @description The request number (#N) */
                            id: number;
                            justification: string | null;
                            /** @description When an undecided request times out */
                            pendingUntil: string;
                            policy: {
                                id: string | null;
                                name: string;
                                version: number;
                            };
                            /** @description Break-glass only (null otherwise): awaiting the verdict of an approver of step 1 after the fact, or the verdict recorded */
                            postHocReview: ({
                                /** @enum {string} */
                                status: "awaited";
                            } | {
                                at: string;
                                comment: string | null;
                                reviewer: {
                                    displayName: string;
                                    email: string | null;
                                    personId: string;
                                };
                                /** @enum {string} */
                                status: "recorded";
                                /** @enum {string} */
                                verdict: "appropriate" | "inappropriate";
                            }) | null;
                            principal: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
                            requester: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            /** @description The permission set's own session duration (ISO 8601): an AWS session started before the end may last until it runs out */
                            sessionDuration: string | null;
                            /** @enum {string} */
                            status: "pending" | "approved" | "denied" | "cancelled" | "timed_out" | "provisioning" | "active" | "expired" | "revoked" | "failed";
                            stepCount: number;
                            ticket: string | null;
                        }[];
                    };
                };
            };
        };
    };
    submitRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default false */
                    breakGlass?: boolean;
                    connector?: string;
                    durationMinutes?: number;
                    entitlement: {
                        accounts: string[];
                        /** @enum {string} */
                        kind: "permission_set";
                        permissionSet: string;
                    } | {
                        group: string;
                        /** @enum {string} */
                        kind: "sso_group";
                    } | {
                        account?: string;
                        group: string;
                        /** @enum {string} */
                        kind: "iam_group";
                    };
                    justification?: string;
                    ticket?: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        duplicateWarning: string | null;
                        /** @description Which policy applied and why (the most restrictive of those covering it) */
                        policyWhy: string;
                        request: {
                            activeAt: string | null;
                            approvals: {
                                approver: {
                                    displayName: string;
                                    email: string | null;
                                    personId: string;
                                };
                                at: string;
                                comment: string | null;
                                /** @enum {string} */
                                decision: "approve" | "deny";
                                step: number;
                            }[];
                            /** @description Why no person approved: the auto-approval rule, or break-glass */
                            autoApproved: string | null;
                            breakGlass: boolean;
                            /** @description What the caller may do now */
                            can: {
                                approve: boolean;
                                cancel: boolean;
                                extend: boolean;
                                /** @description Record the post-hoc verdict of this break-glass request */
                                reviewBreakGlass: boolean;
                                revoke: boolean;
                            };
                            connectorId: string | null;
                            createdAt: string;
                            currentStep: number;
                            decidedAt: string | null;
                            /** @description What already grants the requester this access ("you already hold this through group X") */
                            duplicateWarning: string | null;
                            /** @description The duration asked for was cut to the policy’s maximum */
                            durationClamped: boolean;
                            durationMinutes: number;
                            endedAt: string | null;
                            /** @description An end asked for while the grants still run, carried out once they finish */
                            ending: {
                                /** @enum {string} */
                                as: "expire" | "revoke";
                                /** @description Who asked for the end: an actor id (`user:<id>`, `token:<id>`, `system`) */
                                by: string | null;
                                /** @description Who asked for the end, by name where RRCU knows it (a user, an API token), else null */
                                byName: string | null;
                                reason: string | null;
                            } | null;
                            /** @description Why it ended, in words: who revoked or denied it is named (the actor id is in the timeline) */
                            endReason: string | null;
                            /** @description The requested entitlement as resolved against the inventory */
                            entitlement: {
                                [key: string]: unknown;
                            };
                            entitlementText: string;
                            expiresAt: string | null;
                            extensionOf: number | null;
                            /** @description The request number (#N) */
                            id: number;
                            justification: string | null;
                            /** @description When an undecided request times out */
                            pendingUntil: string;
                            policy: {
                                id: string | null;
                                name: string;
                                version: number;
                            };
                            /** @description Break-glass only (null otherwise): awaiting the verdict of an approver of step 1 after the fact, or the verdict recorded */
                            postHocReview: ({
                                /** @enum {string} */
                                status: "awaited";
                            } | {
                                at: string;
                                comment: string | null;
                                reviewer: {
                                    displayName: string;
                                    email: string | null;
                                    personId: string;
                                };
                                /** @enum {string} */
                                status: "recorded";
                                /** @enum {string} */
                                verdict: "appropriate" | "inappropriate";
                            }) | null;
                            principal: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
                            requester: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            /** @description The permission set's own session duration (ISO 8601): an AWS session started before the end may last until it runs out */
                            sessionDuration: string | null;
                            /** @enum {string} */
                            status: "pending" | "approved" | "denied" | "cancelled" | "timed_out" | "provisioning" | "active" | "expired" | "revoked" | "failed";
                            stepCount: number;
                            steps: {
                                approvals: number;
                                approvers: {
                                    displayName: string;
                                    email: string | null;
                                    personId: string;
                                }[];
                                step: number;
                            }[];
                            /** @description One per account (one provisioning task each) */
                            targets: {
                                entitlementKey: string;
                                error: string | null;
                                grantTask: {
                                    finishedAt: string | null;
                                    id: string;
                                    /** @description The sync run that saw the change */
                                    observedRunId: number | null;
                                    outcome: string | null;
                                    status: string;
                                    /** @description The task read the assignment back from AWS */
                                    verified: boolean | null;
                                } | null;
                                /** @description Why the end removed nothing in AWS: something else grants the same access */
                                keptBecause: string | null;
                                resourceId: string;
                                resourceName: string | null;
                                resourceType: string;
                                revokeTask: {
                                    finishedAt: string | null;
                                    id: string;
                                    /** @description The sync run that saw the change */
                                    observedRunId: number | null;
                                    outcome: string | null;
                                    status: string;
                                    /** @description The task read the assignment back from AWS */
                                    verified: boolean | null;
                                } | null;
                                /** @enum {string} */
                                status: "waiting" | "granting" | "granted" | "grant_failed" | "revoke_waiting" | "revoking" | "removed" | "revoke_failed" | "kept" | "not_granted";
                            }[];
                            ticket: string | null;
                            /** @description Asked, approved by, provisioned, active, expired, removed: oldest first */
                            timeline: {
                                actor: string;
                                /** @description The actor by name where RRCU knows it (a user), else null */
                                actorName: string | null;
                                at: string;
                                summary: string;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
    };
    getRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The request number (#N) */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activeAt: string | null;
                        approvals: {
                            approver: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            at: string;
                            comment: string | null;
                            /** @enum {string} */
                            decision: "approve" | "deny";
                            step: number;
                        }[];
                        /** @description Why no person approved: the auto-approval rule, or break-glass */
                        autoApproved: string | null;
                        breakGlass: boolean;
                        /** @description What the caller may do now */
                        can: {
                            approve: boolean;
                            cancel: boolean;
                            extend: boolean;
                            /** @description Record the post-hoc verdict of this break-glass request */
                            reviewBreakGlass: boolean;
                            revoke: boolean;
                        };
                        connectorId: string | null;
                        createdAt: string;
                        currentStep: number;
                        decidedAt: string | null;
                        /** @description What already grants the requester this access ("you already hold this through group X") */
                        duplicateWarning: string | null;
                        /** @description The duration asked for was cut to the policy’s maximum */
                        durationClamped: boolean;
                        durationMinutes: number;
                        endedAt: string | null;
                        /** @description An end asked for while the grants still run, carried out once they finish */
                        ending: {
                            /** @enum {string} */
                            as: "expire" | "revoke";
                            /** @description Who asked for the end: an actor id (`user:<id>`, `token:<id>`, `system`) */
                            by: string | null;
                            /** @description Who asked for the end, by name where RRCU knows it (a user, an API token), else null */
                            byName: string | null;
                            reason: string | null;
                        } | null;
                        /** @description Why it ended, in words: who revoked or denied it is named (the actor id is in the timeline) */
                        endReason: string | null;
                        /** @description The requested entitlement as resolved against the inventory */
                        entitlement: {
                            [key: string]: unknown;
                        };
                        entitlementText: string;
                        expiresAt: string | null;
                        extensionOf: number | null;
                        /** @description The request number (#N) */
                        id: number;
                        justification: string | null;
                        /** @description When an undecided request times out */
                        pendingUntil: string;
                        policy: {
                            id: string | null;
                            name: string;
                            version: number;
                        };
                        /** @description Break-glass only (null otherwise): awaiting the verdict of an approver of step 1 after the fact, or the verdict recorded */
                        postHocReview: ({
                            /** @enum {string} */
                            status: "awaited";
                        } | {
                            at: string;
                            comment: string | null;
                            reviewer: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            /** @enum {string} */
                            status: "recorded";
                            /** @enum {string} */
                            verdict: "appropriate" | "inappropriate";
                        }) | null;
                        principal: {
                            id: string;
                            name: string | null;
                            type: string;
                        };
                        requester: {
                            displayName: string;
                            email: string | null;
                            personId: string;
                        };
                        /** @description The permission set's own session duration (ISO 8601): an AWS session started before the end may last until it runs out */
                        sessionDuration: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "denied" | "cancelled" | "timed_out" | "provisioning" | "active" | "expired" | "revoked" | "failed";
                        stepCount: number;
                        steps: {
                            approvals: number;
                            approvers: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            }[];
                            step: number;
                        }[];
                        /** @description One per account (one provisioning task each) */
                        targets: {
                            entitlementKey: string;
                            error: string | null;
                            grantTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @description Why the end removed nothing in AWS: something else grants the same access */
                            keptBecause: string | null;
                            resourceId: string;
                            resourceName: string | null;
                            resourceType: string;
                            revokeTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @enum {string} */
                            status: "waiting" | "granting" | "granted" | "grant_failed" | "revoke_waiting" | "revoking" | "removed" | "revoke_failed" | "kept" | "not_granted";
                        }[];
                        ticket: string | null;
                        /** @description Asked, approved by, provisioned, active, expired, removed: oldest first */
                        timeline: {
                            actor: string;
                            /** @description The actor by name where RRCU knows it (a user), else null */
                            actorName: string | null;
                            at: string;
                            summary: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    approveRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The request number (#N) */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activeAt: string | null;
                        approvals: {
                            approver: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            at: string;
                            comment: string | null;
                            /** @enum {string} */
                            decision: "approve" | "deny";
                            step: number;
                        }[];
                        /** @description Why no person approved: the auto-approval rule, or break-glass */
                        autoApproved: string | null;
                        breakGlass: boolean;
                        /** @description What the caller may do now */
                        can: {
                            approve: boolean;
                            cancel: boolean;
                            extend: boolean;
                            /** @description Record the post-hoc verdict of this break-glass request */
                            reviewBreakGlass: boolean;
                            revoke: boolean;
                        };
                        connectorId: string | null;
                        createdAt: string;
                        currentStep: number;
                        decidedAt: string | null;
                        /** @description What already grants the requester this access ("you already hold this through group X") */
                        duplicateWarning: string | null;
                        /** @description The duration asked for was cut to the policy’s maximum */
                        durationClamped: boolean;
                        durationMinutes: number;
                        endedAt: string | null;
                        /** @description An end asked for while the grants still run, carried out once they finish */
                        ending: {
                            /** @enum {string} */
                            as: "expire" | "revoke";
                            /** @description Who asked for the end: an actor id (`user:<id>`, `token:<id>`, `system`) */
                            by: string | null;
                            /** @description Who asked for the end, by name where RRCU knows it (a user, an API token), else null */
                            byName: string | null;
                            reason: string | null;
                        } | null;
                        /** @description Why it ended, in words: who revoked or denied it is named (the actor id is in the timeline) */
                        endReason: string | null;
                        /** @description The requested entitlement as resolved against the inventory */
                        entitlement: {
                            [key: string]: unknown;
                        };
                        entitlementText: string;
                        expiresAt: string | null;
                        extensionOf: number | null;
                        /** @description The request number (#N) */
                        id: number;
                        justification: string | null;
                        /** @description When an undecided request times out */
                        pendingUntil: string;
                        policy: {
                            id: string | null;
                            name: string;
                            version: number;
                        };
                        /** @description Break-glass only (null otherwise): awaiting the verdict of an approver of step 1 after the fact, or the verdict recorded */
                        postHocReview: ({
                            /** @enum {string} */
                            status: "awaited";
                        } | {
                            at: string;
                            comment: string | null;
                            reviewer: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            /** @enum {string} */
                            status: "recorded";
                            /** @enum {string} */
                            verdict: "appropriate" | "inappropriate";
                        }) | null;
                        principal: {
                            id: string;
                            name: string | null;
                            type: string;
                        };
                        requester: {
                            displayName: string;
                            email: string | null;
                            personId: string;
                        };
                        /** @description The permission set's own session duration (ISO 8601): an AWS session started before the end may last until it runs out */
                        sessionDuration: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "denied" | "cancelled" | "timed_out" | "provisioning" | "active" | "expired" | "revoked" | "failed";
                        stepCount: number;
                        steps: {
                            approvals: number;
                            approvers: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            }[];
                            step: number;
                        }[];
                        /** @description One per account (one provisioning task each) */
                        targets: {
                            entitlementKey: string;
                            error: string | null;
                            grantTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @description Why the end removed nothing in AWS: something else grants the same access */
                            keptBecause: string | null;
                            resourceId: string;
                            resourceName: string | null;
                            resourceType: string;
                            revokeTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @enum {string} */
                            status: "waiting" | "granting" | "granted" | "grant_failed" | "revoke_waiting" | "revoking" | "removed" | "revoke_failed" | "kept" | "not_granted";
                        }[];
                        ticket: string | null;
                        /** @description Asked, approved by, provisioned, active, expired, removed: oldest first */
                        timeline: {
                            actor: string;
                            /** @description The actor by name where RRCU knows it (a user), else null */
                            actorName: string | null;
                            at: string;
                            summary: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    cancelRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The request number (#N) */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activeAt: string | null;
                        approvals: {
                            approver: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            at: string;
                            comment: string | null;
                            /** @enum {string} */
                            decision: "approve" | "deny";
                            step: number;
                        }[];
                        /** @description Why no person approved: the auto-approval rule, or break-glass */
                        autoApproved: string | null;
                        breakGlass: boolean;
                        /** @description What the caller may do now */
                        can: {
                            approve: boolean;
                            cancel: boolean;
                            extend: boolean;
                            /** @description Record the post-hoc verdict of this break-glass request */
                            reviewBreakGlass: boolean;
                            revoke: boolean;
                        };
                        connectorId: string | null;
                        createdAt: string;
                        currentStep: number;
                        decidedAt: string | null;
                        /** @description What already grants the requester this access ("you already hold this through group X") */
                        duplicateWarning: string | null;
                        /** @description The duration asked for was cut to the policy’s maximum */
                        durationClamped: boolean;
                        durationMinutes: number;
                        endedAt: string | null;
                        /** @description An end asked for while the grants still run, carried out once they finish */
                        ending: {
                            /** @enum {string} */
                            as: "expire" | "revoke";
                            /** @description Who asked for the end: an actor id (`user:<id>`, `token:<id>`, `system`) */
                            by: string | null;
                            /** @description Who asked for the end, by name where RRCU knows it (a user, an API token), else null */
                            byName: string | null;
                            reason: string | null;
                        } | null;
                        /** @description Why it ended, in words: who revoked or denied it is named (the actor id is in the timeline) */
                        endReason: string | null;
                        /** @description The requested entitlement as resolved against the inventory */
                        entitlement: {
                            [key: string]: unknown;
                        };
                        entitlementText: string;
                        expiresAt: string | null;
                        extensionOf: number | null;
                        /** @description The request number (#N) */
                        id: number;
                        justification: string | null;
                        /** @description When an undecided request times out */
                        pendingUntil: string;
                        policy: {
                            id: string | null;
                            name: string;
                            version: number;
                        };
                        /** @description Break-glass only (null otherwise): awaiting the verdict of an approver of step 1 after the fact, or the verdict recorded */
                        postHocReview: ({
                            /** @enum {string} */
                            status: "awaited";
                        } | {
                            at: string;
                            comment: string | null;
                            reviewer: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            /** @enum {string} */
                            status: "recorded";
                            /** @enum {string} */
                            verdict: "appropriate" | "inappropriate";
                        }) | null;
                        principal: {
                            id: string;
                            name: string | null;
                            type: string;
                        };
                        requester: {
                            displayName: string;
                            email: string | null;
                            personId: string;
                        };
                        /** @description The permission set's own session duration (ISO 8601): an AWS session started before the end may last until it runs out */
                        sessionDuration: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "denied" | "cancelled" | "timed_out" | "provisioning" | "active" | "expired" | "revoked" | "failed";
                        stepCount: number;
                        steps: {
                            approvals: number;
                            approvers: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            }[];
                            step: number;
                        }[];
                        /** @description One per account (one provisioning task each) */
                        targets: {
                            entitlementKey: string;
                            error: string | null;
                            grantTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @description Why the end removed nothing in AWS: something else grants the same access */
                            keptBecause: string | null;
                            resourceId: string;
                            resourceName: string | null;
                            resourceType: string;
                            revokeTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @enum {string} */
                            status: "waiting" | "granting" | "granted" | "grant_failed" | "revoke_waiting" | "revoking" | "removed" | "revoke_failed" | "kept" | "not_granted";
                        }[];
                        ticket: string | null;
                        /** @description Asked, approved by, provisioned, active, expired, removed: oldest first */
                        timeline: {
                            actor: string;
                            /** @description The actor by name where RRCU knows it (a user), else null */
                            actorName: string | null;
                            at: string;
                            summary: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    denyRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The request number (#N) */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activeAt: string | null;
                        approvals: {
                            approver: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            at: string;
                            comment: string | null;
                            /** @enum {string} */
                            decision: "approve" | "deny";
                            step: number;
                        }[];
                        /** @description Why no person approved: the auto-approval rule, or break-glass */
                        autoApproved: string | null;
                        breakGlass: boolean;
                        /** @description What the caller may do now */
                        can: {
                            approve: boolean;
                            cancel: boolean;
                            extend: boolean;
                            /** @description Record the post-hoc verdict of this break-glass request */
                            reviewBreakGlass: boolean;
                            revoke: boolean;
                        };
                        connectorId: string | null;
                        createdAt: string;
                        currentStep: number;
                        decidedAt: string | null;
                        /** @description What already grants the requester this access ("you already hold this through group X") */
                        duplicateWarning: string | null;
                        /** @description The duration asked for was cut to the policy’s maximum */
                        durationClamped: boolean;
                        durationMinutes: number;
                        endedAt: string | null;
                        /** @description An end asked for while the grants still run, carried out once they finish */
                        ending: {
                            /** @enum {string} */
                            as: "expire" | "revoke";
                            /** @description Who asked for the end: an actor id (`user:<id>`, `token:<id>`, `system`) */
                            by: string | null;
                            /** @description Who asked for the end, by name where RRCU knows it (a user, an API token), else null */
                            byName: string | null;
                            reason: string | null;
                        } | null;
                        /** @description Why it ended, in words: who revoked or denied it is named (the actor id is in the timeline) */
                        endReason: string | null;
                        /** @description The requested entitlement as resolved against the inventory */
                        entitlement: {
                            [key: string]: unknown;
                        };
                        entitlementText: string;
                        expiresAt: string | null;
                        extensionOf: number | null;
                        /** @description The request number (#N) */
                        id: number;
                        justification: string | null;
                        /** @description When an undecided request times out */
                        pendingUntil: string;
                        policy: {
                            id: string | null;
                            name: string;
                            version: number;
                        };
                        /** @description Break-glass only (null otherwise): awaiting the verdict of an approver of step 1 after the fact, or the verdict recorded */
                        postHocReview: ({
                            /** @enum {string} */
                            status: "awaited";
                        } | {
                            at: string;
                            comment: string | null;
                            reviewer: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            /** @enum {string} */
                            status: "recorded";
                            /** @enum {string} */
                            verdict: "appropriate" | "inappropriate";
                        }) | null;
                        principal: {
                            id: string;
                            name: string | null;
                            type: string;
                        };
                        requester: {
                            displayName: string;
                            email: string | null;
                            personId: string;
                        };
                        /** @description The permission set's own session duration (ISO 8601): an AWS session started before the end may last until it runs out */
                        sessionDuration: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "denied" | "cancelled" | "timed_out" | "provisioning" | "active" | "expired" | "revoked" | "failed";
                        stepCount: number;
                        steps: {
                            approvals: number;
                            approvers: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            }[];
                            step: number;
                        }[];
                        /** @description One per account (one provisioning task each) */
                        targets: {
                            entitlementKey: string;
                            error: string | null;
                            grantTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @description Why the end removed nothing in AWS: something else grants the same access */
                            keptBecause: string | null;
                            resourceId: string;
                            resourceName: string | null;
                            resourceType: string;
                            revokeTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @enum {string} */
                            status: "waiting" | "granting" | "granted" | "grant_failed" | "revoke_waiting" | "revoking" | "removed" | "revoke_failed" | "kept" | "not_granted";
                        }[];
                        ticket: string | null;
                        /** @description Asked, approved by, provisioned, active, expired, removed: oldest first */
                        timeline: {
                            actor: string;
                            /** @description The actor by name where RRCU knows it (a user), else null */
                            actorName: string | null;
                            at: string;
                            summary: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    extendRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The request number (#N) */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    justification?: string;
                    minutes: number;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        duplicateWarning: string | null;
                        /** @description Which policy applied and why (the most restrictive of those covering it) */
                        policyWhy: string;
                        request: {
                            activeAt: string | null;
                            approvals: {
                                approver: {
                                    displayName: string;
                                    email: string | null;
                                    personId: string;
                                };
                                at: string;
                                comment: string | null;
                                /** @enum {string} */
                                decision: "approve" | "deny";
                                step: number;
                            }[];
                            /** @description Why no person approved: the auto-approval rule, or break-glass */
                            autoApproved: string | null;
                            breakGlass: boolean;
                            /** @description What the caller may do now */
                            can: {
                                approve: boolean;
                                cancel: boolean;
                                extend: boolean;
                                /** @description Record the post-hoc verdict of this break-glass request */
                                reviewBreakGlass: boolean;
                                revoke: boolean;
                            };
                            connectorId: string | null;
                            createdAt: string;
                            currentStep: number;
                            decidedAt: string | null;
                            /** @description What already grants the requester this access ("you already hold this through group X") */
                            duplicateWarning: string | null;
                            /** @description The duration asked for was cut to the policy’s maximum */
                            durationClamped: boolean;
                            durationMinutes: number;
                            endedAt: string | null;
                            /** @description An end asked for while the grants still run, carried out once they finish */
                            ending: {
                                /** @enum {string} */
                                as: "expire" | "revoke";
                                /** @description Who asked for the end: an actor id (`user:<id>`, `token:<id>`, `system`) */
                                by: string | null;
                                /** @description Who asked for the end, by name where RRCU knows it (a user, an API token), else null */
                                byName: string | null;
                                reason: string | null;
                            } | null;
                            /** @description Why it ended, in words: who revoked or denied it is named (the actor id is in the timeline) */
                            endReason: string | null;
                            /** @description The requested entitlement as resolved against the inventory */
                            entitlement: {
                                [key: string]: unknown;
                            };
                            entitlementText: string;
                            expiresAt: string | null;
                            extensionOf: number | null;
                            /** @description The request number (#N) */
                            id: number;
                            justification: string | null;
                            /** @description When an undecided request times out */
                            pendingUntil: string;
                            policy: {
                                id: string | null;
                                name: string;
                                version: number;
                            };
                            /** @description Break-glass only (null otherwise): awaiting the verdict of an approver of step 1 after the fact, or the verdict recorded */
                            postHocReview: ({
                                /** @enum {string} */
                                status: "awaited";
                            } | {
                                at: string;
                                comment: string | null;
                                reviewer: {
                                    displayName: string;
                                    email: string | null;
                                    personId: string;
                                };
                                /** @enum {string} */
                                status: "recorded";
                                /** @enum {string} */
                                verdict: "appropriate" | "inappropriate";
                            }) | null;
                            principal: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
                            requester: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            /** @description The permission set's own session duration (ISO 8601): an AWS session started before the end may last until it runs out */
                            sessionDuration: string | null;
                            /** @enum {string} */
                            status: "pending" | "approved" | "denied" | "cancelled" | "timed_out" | "provisioning" | "active" | "expired" | "revoked" | "failed";
                            stepCount: number;
                            steps: {
                                approvals: number;
                                approvers: {
                                    displayName: string;
                                    email: string | null;
                                    personId: string;
                                }[];
                                step: number;
                            }[];
                            /** @description One per account (one provisioning task each) */
                            targets: {
                                entitlementKey: string;
                                error: string | null;
                                grantTask: {
                                    finishedAt: string | null;
                                    id: string;
                                    /** @description The sync run that saw the change */
                                    observedRunId: number | null;
                                    outcome: string | null;
                                    status: string;
                                    /** @description The task read the assignment back from AWS */
                                    verified: boolean | null;
                                } | null;
                                /** @description Why the end removed nothing in AWS: something else grants the same access */
                                keptBecause: string | null;
                                resourceId: string;
                                resourceName: string | null;
                                resourceType: string;
                                revokeTask: {
                                    finishedAt: string | null;
                                    id: string;
                                    /** @description The sync run that saw the change */
                                    observedRunId: number | null;
                                    outcome: string | null;
                                    status: string;
                                    /** @description The task read the assignment back from AWS */
                                    verified: boolean | null;
                                } | null;
                                /** @enum {string} */
                                status: "waiting" | "granting" | "granted" | "grant_failed" | "revoke_waiting" | "revoking" | "removed" | "revoke_failed" | "kept" | "not_granted";
                            }[];
                            ticket: string | null;
                            /** @description Asked, approved by, provisioned, active, expired, removed: oldest first */
                            timeline: {
                                actor: string;
                                /** @description The actor by name where RRCU knows it (a user), else null */
                                actorName: string | null;
                                at: string;
                                summary: string;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
    };
    reviewBreakGlassRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The request number (#N) */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                    /** @enum {string} */
                    verdict: "appropriate" | "inappropriate";
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activeAt: string | null;
                        approvals: {
                            approver: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            at: string;
                            comment: string | null;
                            /** @enum {string} */
                            decision: "approve" | "deny";
                            step: number;
                        }[];
                        /** @description Why no person approved: the auto-approval rule, or break-glass */
                        autoApproved: string | null;
                        breakGlass: boolean;
                        /** @description What the caller may do now */
                        can: {
                            approve: boolean;
                            cancel: boolean;
                            extend: boolean;
                            /** @description Record the post-hoc verdict of this break-glass request */
                            reviewBreakGlass: boolean;
                            revoke: boolean;
                        };
                        connectorId: string | null;
                        createdAt: string;
                        currentStep: number;
                        decidedAt: string | null;
                        /** @description What already grants the requester this access ("you already hold this through group X") */
                        duplicateWarning: string | null;
                        /** @description The duration asked for was cut to the policy’s maximum */
                        durationClamped: boolean;
                        durationMinutes: number;
                        endedAt: string | null;
                        /** @description An end asked for while the grants still run, carried out once they finish */
                        ending: {
                            /** @enum {string} */
                            as: "expire" | "revoke";
                            /** @description Who asked for the end: an actor id (`user:<id>`, `token:<id>`, `system`) */
                            by: string | null;
                            /** @description Who asked for the end, by name where RRCU knows it (a user, an API token), else null */
                            byName: string | null;
                            reason: string | null;
                        } | null;
                        /** @description Why it ended, in words: who revoked or denied it is named (the actor id is in the timeline) */
                        endReason: string | null;
                        /** @description The requested entitlement as resolved against the inventory */
                        entitlement: {
                            [key: string]: unknown;
                        };
                        entitlementText: string;
                        expiresAt: string | null;
                        extensionOf: number | null;
                        /** @description The request number (#N) */
                        id: number;
                        justification: string | null;
                        /** @description When an undecided request times out */
                        pendingUntil: string;
                        policy: {
                            id: string | null;
                            name: string;
                            version: number;
                        };
                        /** @description Break-glass only (null otherwise): awaiting the verdict of an approver of step 1 after the fact, or the verdict recorded */
                        postHocReview: ({
                            /** @enum {string} */
                            status: "awaited";
                        } | {
                            at: string;
                            comment: string | null;
                            reviewer: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            /** @enum {string} */
                            status: "recorded";
                            /** @enum {string} */
                            verdict: "appropriate" | "inappropriate";
                        }) | null;
                        principal: {
                            id: string;
                            name: string | null;
                            type: string;
                        };
                        requester: {
                            displayName: string;
                            email: string | null;
                            personId: string;
                        };
                        /** @description The permission set's own session duration (ISO 8601): an AWS session started before the end may last until it runs out */
                        sessionDuration: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "denied" | "cancelled" | "timed_out" | "provisioning" | "active" | "expired" | "revoked" | "failed";
                        stepCount: number;
                        steps: {
                            approvals: number;
                            approvers: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            }[];
                            step: number;
                        }[];
                        /** @description One per account (one provisioning task each) */
                        targets: {
                            entitlementKey: string;
                            error: string | null;
                            grantTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @description Why the end removed nothing in AWS: something else grants the same access */
                            keptBecause: string | null;
                            resourceId: string;
                            resourceName: string | null;
                            resourceType: string;
                            revokeTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @enum {string} */
                            status: "waiting" | "granting" | "granted" | "grant_failed" | "revoke_waiting" | "revoking" | "removed" | "revoke_failed" | "kept" | "not_granted";
                        }[];
                        ticket: string | null;
                        /** @description Asked, approved by, provisioned, active, expired, removed: oldest first */
                        timeline: {
                            actor: string;
                            /** @description The actor by name where RRCU knows it (a user), else null */
                            actorName: string | null;
                            at: string;
                            summary: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    revokeRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The request number (#N) */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activeAt: string | null;
                        approvals: {
                            approver: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            at: string;
                            comment: string | null;
                            /** @enum {string} */
                            decision: "approve" | "deny";
                            step: number;
                        }[];
                        /** @description Why no person approved: the auto-approval rule, or break-glass */
                        autoApproved: string | null;
                        breakGlass: boolean;
                        /** @description What the caller may do now */
                        can: {
                            approve: boolean;
                            cancel: boolean;
                            extend: boolean;
                            /** @description Record the post-hoc verdict of this break-glass request */
                            reviewBreakGlass: boolean;
                            revoke: boolean;
                        };
                        connectorId: string | null;
                        createdAt: string;
                        currentStep: number;
                        decidedAt: string | null;
                        /** @description What already grants the requester this access ("you already hold this through group X") */
                        duplicateWarning: string | null;
                        /** @description The duration asked for was cut to the policy’s maximum */
                        durationClamped: boolean;
                        durationMinutes: number;
                        endedAt: string | null;
                        /** @description An end asked for while the grants still run, carried out once they finish */
                        ending: {
                            /** @enum {string} */
                            as: "expire" | "revoke";
                            /** @description Who asked for the end: an actor id (`user:<id>`, `token:<id>`, `system`) */
                            by: string | null;
                            /** @description Who asked for the end, by name where RRCU knows it (a user, an API token), else null */
                            byName: string | null;
                            reason: string | null;
                        } | null;
                        /** @description Why it ended, in words: who revoked or denied it is named (the actor id is in the timeline) */
                        endReason: string | null;
                        /** @description The requested entitlement as resolved against the inventory */
                        entitlement: {
                            [key: string]: unknown;
                        };
                        entitlementText: string;
                        expiresAt: string | null;
                        extensionOf: number | null;
                        /** @description The request number (#N) */
                        id: number;
                        justification: string | null;
                        /** @description When an undecided request times out */
                        pendingUntil: string;
                        policy: {
                            id: string | null;
                            name: string;
                            version: number;
                        };
                        /** @description Break-glass only (null otherwise): awaiting the verdict of an approver of step 1 after the fact, or the verdict recorded */
                        postHocReview: ({
                            /** @enum {string} */
                            status: "awaited";
                        } | {
                            at: string;
                            comment: string | null;
                            reviewer: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            };
                            /** @enum {string} */
                            status: "recorded";
                            /** @enum {string} */
                            verdict: "appropriate" | "inappropriate";
                        }) | null;
                        principal: {
                            id: string;
                            name: string | null;
                            type: string;
                        };
                        requester: {
                            displayName: string;
                            email: string | null;
                            personId: string;
                        };
                        /** @description The permission set's own session duration (ISO 8601): an AWS session started before the end may last until it runs out */
                        sessionDuration: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "denied" | "cancelled" | "timed_out" | "provisioning" | "active" | "expired" | "revoked" | "failed";
                        stepCount: number;
                        steps: {
                            approvals: number;
                            approvers: {
                                displayName: string;
                                email: string | null;
                                personId: string;
                            }[];
                            step: number;
                        }[];
                        /** @description One per account (one provisioning task each) */
                        targets: {
                            entitlementKey: string;
                            error: string | null;
                            grantTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @description Why the end removed nothing in AWS: something else grants the same access */
                            keptBecause: string | null;
                            resourceId: string;
                            resourceName: string | null;
                            resourceType: string;
                            revokeTask: {
                                finishedAt: string | null;
                                id: string;
                                /** @description The sync run that saw the change */
                                observedRunId: number | null;
                                outcome: string | null;
                                status: string;
                                /** @description The task read the assignment back from AWS */
                                verified: boolean | null;
                            } | null;
                            /** @enum {string} */
                            status: "waiting" | "granting" | "granted" | "grant_failed" | "revoke_waiting" | "revoking" | "removed" | "revoke_failed" | "kept" | "not_granted";
                        }[];
                        ticket: string | null;
                        /** @description Asked, approved by, provisioned, active, expired, removed: oldest first */
                        timeline: {
                            actor: string;
                            /** @description The actor by name where RRCU knows it (a user), else null */
                            actorName: string | null;
                            at: string;
                            summary: string;
                            type: string;
                        }[];
                    };
                };
            };
        };
    };
    listRequestable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            approvalSteps: {
                                approvals: number;
                                sources: string[];
                            }[];
                            /** @description Some requests under this policy are approved without a person (its auto-approval rules) */
                            autoApproval: boolean;
                            breakGlass: {
                                allowed: boolean;
                                maxDurationMinutes: number | null;
                            };
                            connectorId: string;
                            connectorName: string | null;
                            defaultDurationMinutes: number;
                            justificationRequired: boolean;
                            maxDurationMinutes: number;
                            /** @description The policy that applies: the most restrictive of those covering it for which the caller is eligible */
                            policy: {
                                description: string;
                                id: string;
                                name: string;
                                version: number;
                            };
                            requestable: {
                                accounts: {
                                    id: string;
                                    name: string;
                                    ouPath: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "permission_set";
                                permissionSetArn: string;
                                permissionSetName: string;
                                /** @description The permission set's own session duration (ISO 8601, e.g. PT8H): an AWS session started before the end may last until it runs out */
                                sessionDuration: string | null;
                            } | {
                                groupId: string;
                                groupName: string;
                                /** @enum {string} */
                                kind: "sso_group";
                            } | {
                                account: {
                                    id: string;
                                    name: string;
                                };
                                groupArn: string;
                                groupName: string;
                                /** @enum {string} */
                                kind: "iam_group";
                            };
                            ticket: {
                                pattern: string | null;
                                required: boolean;
                            };
                        }[];
                    };
                };
            };
        };
    };
    getReviewItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        campaignId: string;
                        /** @description The campaign the item belongs to (My reviews lists items across campaigns) */
                        campaignName: string;
                        comment: string | null;
                        /** @description What the grant brings: a membership's accounts and permission sets through the group; a group assignment's member count */
                        confers: {
                            accounts?: {
                                accountId: string;
                                accountName: string | null;
                                permissionSet: string | null;
                            }[];
                            memberCount?: number;
                        };
                        context: {
                            credentials: {
                                [key: string]: unknown;
                            } | null;
                            firstSeen: string;
                            grantedBy: {
                                actor: string;
                                actorName: string | null;
                                at: string;
                                reason: string | null;
                                taskId: string;
                            } | null;
                            how: {
                                /** @enum {boolean} */
                                direct: true;
                                /** @enum {string|null} */
                                via: null;
                            };
                            person: {
                                department: string | null;
                                manager: {
                                    displayName: string;
                                    email: string | null;
                                    id: string;
                                } | null;
                                status: string | null;
                                title: string | null;
                            } | null;
                            previousCampaign: {
                                campaignId: string;
                                campaignName: string;
                                closedAt: string | null;
                                /** @enum {string|null} */
                                decision: "keep" | "revoke" | null;
                                /** @enum {string} */
                                outcome: "pending" | "kept" | "revoked" | "not_reviewed";
                            } | null;
                        };
                        decidedAt: string | null;
                        /** @enum {string|null} */
                        decision: "keep" | "revoke" | null;
                        decisions: {
                            at: string;
                            by: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            };
                            comment: string | null;
                            /** @enum {string} */
                            decision: "keep" | "revoke";
                            stage: number;
                        }[];
                        entitlement: {
                            name: string | null;
                            slug: string;
                        };
                        id: string;
                        key: string;
                        /** @enum {string} */
                        kind: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust";
                        noEligibleReviewer: boolean;
                        /** @enum {string} */
                        outcome: "pending" | "kept" | "revoked" | "not_reviewed";
                        person: {
                            displayName: string;
                            email: string | null;
                            id: string;
                        } | null;
                        /** @enum {string|null} */
                        policy: "manager" | "owner" | "named" | "fallback" | "administrator" | null;
                        principal: {
                            id: string;
                            name: string | null;
                            type: string;
                        };
                        privileged: boolean | null;
                        reassignments: {
                            at: string;
                            by: string | null;
                            from: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            } | null;
                            note: string | null;
                            /** @enum {string|null} */
                            policy: "manager" | "owner" | "named" | "fallback" | "administrator" | null;
                            /** @enum {string} */
                            reason: "self-review" | "granted-by-reviewer" | "no-manager" | "no-owner" | "no-named-reviewer" | "delegated" | "reassigned" | "escalated";
                            stage: number;
                            to: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            } | null;
                        }[];
                        remediation: {
                            /** @description The AWS request id the task saved for its change, where AWS gives one (an account assignment's deletion); as the campaign's evidence report shows it */
                            awsRequestId: string | null;
                            manual: boolean;
                            /** @description When an administrator said the manual removal is done (a sync that started after it proves it) */
                            manualMarkedAt: string | null;
                            /** @description Who said so (user:<id>, token:<id>, cli:<os user>) */
                            manualMarkedBy: string | null;
                            /** @description That user's name, when a user */
                            manualMarkedByName: string | null;
                            observedAt: string | null;
                            observedRunId: number | null;
                            reappearedRunId: number | null;
                            /** @description Why the revoke is not remediated when its task failed (state task_failed): the task's error */
                            reason: string | null;
                            since: string;
                            /** @enum {string} */
                            state: "pending" | "task_queued" | "task_failed" | "manual" | "remediated" | "reappeared";
                            taskId: string | null;
                            taskStatus: string | null;
                        } | null;
                        resource: {
                            id: string;
                            name: string | null;
                            type: string;
                        };
                        reviewer: {
                            displayName: string;
                            email: string | null;
                            id: string;
                        } | null;
                        riskFlags: ("privileged" | "inactive" | "no_matching_person" | "granted_since_last_campaign")[];
                        stage: number;
                    };
                };
            };
        };
    };
    decideReviewItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                    /** @enum {string} */
                    decision: "keep" | "revoke";
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        item: {
                            campaignId: string;
                            /** @description The campaign the item belongs to (My reviews lists items across campaigns) */
                            campaignName: string;
                            comment: string | null;
                            /** @description What the grant brings: a membership's accounts and permission sets through the group; a group assignment's member count */
                            confers: {
                                accounts?: {
                                    accountId: string;
                                    accountName: string | null;
                                    permissionSet: string | null;
                                }[];
                                memberCount?: number;
                            };
                            decidedAt: string | null;
                            /** @enum {string|null} */
                            decision: "keep" | "revoke" | null;
                            entitlement: {
                                name: string | null;
                                slug: string;
                            };
                            id: string;
                            key: string;
                            /** @enum {string} */
                            kind: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust";
                            noEligibleReviewer: boolean;
                            /** @enum {string} */
                            outcome: "pending" | "kept" | "revoked" | "not_reviewed";
                            person: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            } | null;
                            /** @enum {string|null} */
                            policy: "manager" | "owner" | "named" | "fallback" | "administrator" | null;
                            principal: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
                            privileged: boolean | null;
                            remediation: {
                                /** @description The AWS request id the task saved for its change, where AWS gives one (an account assignment's deletion); as the campaign's evidence report shows it */
                                awsRequestId: string | null;
                                manual: boolean;
                                /** @description When an administrator said the manual removal is done (a sync that started after it proves it) */
                                manualMarkedAt: string | null;
                                /** @description Who said so (user:<id>, token:<id>, cli:<os user>) */
                                manualMarkedBy: string | null;
                                /** @description That user's name, when a user */
                                manualMarkedByName: string | null;
                                observedAt: string | null;
                                observedRunId: number | null;
                                reappearedRunId: number | null;
                                /** @description Why the revoke is not remediated when its task failed (state task_failed): the task's error */
                                reason: string | null;
                                since: string;
                                /** @enum {string} */
                                state: "pending" | "task_queued" | "task_failed" | "manual" | "remediated" | "reappeared";
                                taskId: string | null;
                                taskStatus: string | null;
                            } | null;
                            resource: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
                            reviewer: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            } | null;
                            riskFlags: ("privileged" | "inactive" | "no_matching_person" | "granted_since_last_campaign")[];
                            stage: number;
                        };
                    };
                };
            };
        };
    };
    getReviewItemHolderAccess: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        /** @description When the first successful sync of the connector(s) asked about started: history starts there, nothing is known before it. Null before any sync */
                        firstSyncAt: string | null;
                        items: {
                            /** @description The connector that synced the grant (and can revoke it) */
                            connectorId: string;
                            entitlement: string | null;
                            /** @description The entitlement's stable key, as POST /api/privileged-marks takes it */
                            entitlementKey: string;
                            /** @description The grant row, for `rrcu revoke --grant`; null on a grant a task added that no sync has seen yet (see `pending`) */
                            grantId: number | null;
                            /** @description A change a provisioning task verified in AWS that no sync has seen yet; null once a sync committed after it (the sync is then the truth) */
                            pending: {
                                /**
                                 * @description grant: held since the task verified it; revoke: no longer held since then (the row is shown, not counted in the totals)
                                 * @enum {string}
                                 */
                                kind: "grant" | "revoke";
                                taskId: string;
                                /** @description When the task read its change back from AWS */
                                verifiedAt: string;
                            } | null;
                            permissionSetArn: string | null;
                            principalId: string;
                            principalName: string | null;
                            principalType: string;
                            /** @description Whether the entitlement gives administrator-level access (docs/privileged-access.md); null when the sync could not read its policies, or RRCU does not assess that kind */
                            privileged: boolean | null;
                            /** @description An administrator's mark making the entitlement privileged at the instant asked about (POST /api/privileged-marks); null when unmarked */
                            privilegedMark: {
                                at: string;
                                /** @description Who marked it, by name */
                                by: string;
                                id: string;
                                reason: string;
                            } | null;
                            /** @description Why it is privileged (or what could not be assessed), as a reviewer reads it */
                            privilegedReasons: string[];
                            /** @description The just-in-time access request holding this direct grant at the instant asked: its grant task made the grant and it had not ended then; null when none does (held through a group, standing access, or the request ended) */
                            request: {
                                /** @description When the request ends and its grant is removed unless something else grants it */
                                expiresAt: string | null;
                                /** @description The request, "#N" (GET /api/requests/:id) */
                                id: number;
                                /** @description The request's status now (active, or how it ended when asked about a past instant) */
                                status: string;
                            } | null;
                            resourceId: string;
                            resourceName: string | null;
                            resourceType: string;
                            seenFrom: string;
                            via: string | null;
                            viaName: string | null;
                        }[];
                        /** @description Rows in the whole answer, for paging: totals.grants, plus the rows shown revoked by a task no sync has seen yet */
                        total: number;
                        /** @description Counts over the whole answer, not only this page */
                        totals: {
                            direct: number;
                            /** @description Distinct entitlements by resource type and name */
                            entitlements: number;
                            grants: number;
                            /** @description Distinct principals (type and id) */
                            principals: number;
                            /** @description Distinct accounts and resources the grants are on */
                            resources: number;
                            viaGroup: number;
                        };
                    };
                };
            };
        };
    };
    markReviewRemediationDone: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        remediation: {
                            itemId: string;
                            manualMarkedAt: string | null;
                            manualMarkedBy: string | null;
                            state: string;
                            taskId: string | null;
                        };
                    };
                };
            };
        };
    };
    retryReviewRemediation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        remediation: {
                            itemId: string;
                            manualMarkedAt: string | null;
                            manualMarkedBy: string | null;
                            state: string;
                            taskId: string | null;
                        };
                    };
                };
            };
        };
    };
    listReviewCampaigns: {
        parameters: {
            query?: {
                status?: "draft" | "active" | "closed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            closedAt: string | null;
                            connectorId: string;
                            connectorName: string | null;
                            createdAt: string;
                            createdBy: string;
                            /** @description The open stage (1-based) while active */
                            currentStage: number | null;
                            description: string;
                            dueAt: string | null;
                            id: string;
                            launchedAt: string | null;
                            name: string;
                            options: {
                                /**
                                 * Format: date-time
                                 * @default null
                                 */
                                endsAt: string | null;
                                /** @default 2 */
                                escalateAfterDays: number | null;
                                /** @default 90 */
                                granterLookbackDays: number;
                                /** @default 86400 */
                                maxSyncAgeSeconds: number;
                                /**
                                 * Format: date-time
                                 * @default null
                                 */
                                recurrenceAt: string | null;
                                /**
                                 * Format: uuid
                                 * @default null
                                 */
                                recurrenceOf: string | null;
                                /** @default false */
                                remediateImmediately: boolean;
                                /** @default true */
                                remindDailyAfterDue: boolean;
                                /**
                                 * @default [
                                 *       3
                                 *     ]
                                 */
                                reminderDaysBeforeDue: number[];
                                /** @default false */
                                requireCommentOnKeep: boolean;
                            };
                            progress: {
                                decided: number;
                                items: number;
                                kept: number;
                                notReviewed: number;
                                pending: number;
                                remediated: number;
                                revoked: number;
                                unremediated: number;
                            };
                            recurrenceCron: string | null;
                            /** @description The reviewer plan as created: stages of policies, fallback, administrators */
                            reviewerPlan: {
                                fallbackPersonId: string;
                            } & {
                                [key: string]: unknown;
                            };
                            /** @description The scope as created (filters in docs/access-reviews.md) */
                            scope: {
                                connectorId: string;
                            } & {
                                [key: string]: unknown;
                            };
                            /** @description The completeness proof: N items from sync #R at T, reconciled or not. Null before launch */
                            snapshot: {
                                itemCount: number;
                                reconciliation: {
                                    indirect: number;
                                    missingItems: string[];
                                    populationTotal: number;
                                    reconciled: boolean;
                                    rows: {
                                        /** @description Grants left out, by the scope filter (or `notReviewable`) that left them out */
                                        excluded: {
                                            [key: string]: number;
                                        };
                                        excludedByScope: number;
                                        inCampaign: number;
                                        inSync: number;
                                        /** @enum {string} */
                                        type: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust" | "not_reviewable";
                                        unexplained: number;
                                    }[];
                                    syncGrantTotal: number | null;
                                    unexpectedItems: string[];
                                };
                                sha256: string;
                                syncAt: string;
                                syncRunId: number;
                            } | null;
                            stageCount: number;
                            /** @enum {string} */
                            status: "draft" | "active" | "closed";
                        }[];
                    };
                };
            };
        };
    };
    createReviewCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default  */
                    description?: string;
                    /** @default null */
                    dueAt?: unknown;
                    name: string;
                    /** @default {} */
                    options?: {
                        /**
                         * Format: date-time
                         * @default null
                         */
                        endsAt?: string | null;
                        /** @default 2 */
                        escalateAfterDays?: number | null;
                        /** @default 90 */
                        granterLookbackDays?: number;
                        /** @default 86400 */
                        maxSyncAgeSeconds?: number;
                        /**
                         * Format: date-time
                         * @default null
                         */
                        recurrenceAt?: string | null;
                        /**
                         * Format: uuid
                         * @default null
                         */
                        recurrenceOf?: string | null;
                        /** @default false */
                        remediateImmediately?: boolean;
                        /** @default true */
                        remindDailyAfterDue?: boolean;
                        /**
                         * @default [
                         *       3
                         *     ]
                         */
                        reminderDaysBeforeDue?: number[];
                        /** @default false */
                        requireCommentOnKeep?: boolean;
                    };
                    /** @default null */
                    recurrenceCron?: string | null;
                    reviewerPlan: {
                        /** @default [] */
                        administratorPersonIds?: string[];
                        /** @default false */
                        excludeGranters?: boolean;
                        /** Format: uuid */
                        fallbackPersonId: string;
                        stages: {
                            policies: ({
                                /** @enum {string} */
                                kind: "manager";
                            } | {
                                /** @default false */
                                includeTagOwners?: boolean;
                                /** @enum {string} */
                                kind: "owner";
                            } | {
                                /** @enum {string} */
                                kind: "named";
                                personIds?: string[];
                                /** @enum {string} */
                                rrcuGroup?: "super_admin" | "connector_admin" | "auditor";
                            })[];
                        }[];
                    };
                    scope: {
                        accountIds?: string[];
                        /** Format: uuid */
                        connectorId: string;
                        groupIds?: string[];
                        ouPaths?: string[];
                        people?: {
                            /** @enum {string} */
                            mode: "all";
                        } | {
                            /** @enum {string} */
                            mode: "named";
                            personIds: string[];
                        } | {
                            /** @enum {string} */
                            mode: "unmatched";
                        } | {
                            /** @enum {string} */
                            mode: "inactive";
                        };
                        permissionSetArns?: string[];
                        principalTypes?: ("iam_user" | "sso_user" | "sso_group" | "iam_role")[];
                        privilegedOnly?: boolean;
                        resourceTypes?: ("account" | "sso_group" | "iam_group" | "iam_role")[];
                    };
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        closedAt: string | null;
                        connectorId: string;
                        connectorName: string | null;
                        createdAt: string;
                        createdBy: string;
                        /** @description The open stage (1-based) while active */
                        currentStage: number | null;
                        description: string;
                        dueAt: string | null;
                        id: string;
                        launchedAt: string | null;
                        name: string;
                        options: {
                            /**
                             * Format: date-time
                             * @default null
                             */
                            endsAt: string | null;
                            /** @default 2 */
                            escalateAfterDays: number | null;
                            /** @default 90 */
                            granterLookbackDays: number;
                            /** @default 86400 */
                            maxSyncAgeSeconds: number;
                            /**
                             * Format: date-time
                             * @default null
                             */
                            recurrenceAt: string | null;
                            /**
                             * Format: uuid
                             * @default null
                             */
                            recurrenceOf: string | null;
                            /** @default false */
                            remediateImmediately: boolean;
                            /** @default true */
                            remindDailyAfterDue: boolean;
                            /**
                             * @default [
                             *       3
                             *     ]
                             */
                            reminderDaysBeforeDue: number[];
                            /** @default false */
                            requireCommentOnKeep: boolean;
                        };
                        progress: {
                            decided: number;
                            items: number;
                            kept: number;
                            notReviewed: number;
                            pending: number;
                            remediated: number;
                            revoked: number;
                            unremediated: number;
                        };
                        recurrenceCron: string | null;
                        /** @description The reviewer plan as created: stages of policies, fallback, administrators */
                        reviewerPlan: {
                            fallbackPersonId: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The scope as created (filters in docs/access-reviews.md) */
                        scope: {
                            connectorId: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The completeness proof: N items from sync #R at T, reconciled or not. Null before launch */
                        snapshot: {
                            itemCount: number;
                            reconciliation: {
                                indirect: number;
                                missingItems: string[];
                                populationTotal: number;
                                reconciled: boolean;
                                rows: {
                                    /** @description Grants left out, by the scope filter (or `notReviewable`) that left them out */
                                    excluded: {
                                        [key: string]: number;
                                    };
                                    excludedByScope: number;
                                    inCampaign: number;
                                    inSync: number;
                                    /** @enum {string} */
                                    type: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust" | "not_reviewable";
                                    unexplained: number;
                                }[];
                                syncGrantTotal: number | null;
                                unexpectedItems: string[];
                            };
                            sha256: string;
                            syncAt: string;
                            syncRunId: number;
                        } | null;
                        stageCount: number;
                        /** @enum {string} */
                        status: "draft" | "active" | "closed";
                    };
                };
            };
        };
    };
    getReviewCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        closedAt: string | null;
                        connectorId: string;
                        connectorName: string | null;
                        createdAt: string;
                        createdBy: string;
                        /** @description The open stage (1-based) while active */
                        currentStage: number | null;
                        description: string;
                        dueAt: string | null;
                        id: string;
                        launchedAt: string | null;
                        name: string;
                        options: {
                            /**
                             * Format: date-time
                             * @default null
                             */
                            endsAt: string | null;
                            /** @default 2 */
                            escalateAfterDays: number | null;
                            /** @default 90 */
                            granterLookbackDays: number;
                            /** @default 86400 */
                            maxSyncAgeSeconds: number;
                            /**
                             * Format: date-time
                             * @default null
                             */
                            recurrenceAt: string | null;
                            /**
                             * Format: uuid
                             * @default null
                             */
                            recurrenceOf: string | null;
                            /** @default false */
                            remediateImmediately: boolean;
                            /** @default true */
                            remindDailyAfterDue: boolean;
                            /**
                             * @default [
                             *       3
                             *     ]
                             */
                            reminderDaysBeforeDue: number[];
                            /** @default false */
                            requireCommentOnKeep: boolean;
                        };
                        progress: {
                            decided: number;
                            items: number;
                            kept: number;
                            notReviewed: number;
                            pending: number;
                            remediated: number;
                            revoked: number;
                            unremediated: number;
                        };
                        recurrenceCron: string | null;
                        /** @description The reviewer plan as created: stages of policies, fallback, administrators */
                        reviewerPlan: {
                            fallbackPersonId: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The scope as created (filters in docs/access-reviews.md) */
                        scope: {
                            connectorId: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The completeness proof: N items from sync #R at T, reconciled or not. Null before launch */
                        snapshot: {
                            itemCount: number;
                            reconciliation: {
                                indirect: number;
                                missingItems: string[];
                                populationTotal: number;
                                reconciled: boolean;
                                rows: {
                                    /** @description Grants left out, by the scope filter (or `notReviewable`) that left them out */
                                    excluded: {
                                        [key: string]: number;
                                    };
                                    excludedByScope: number;
                                    inCampaign: number;
                                    inSync: number;
                                    /** @enum {string} */
                                    type: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust" | "not_reviewable";
                                    unexplained: number;
                                }[];
                                syncGrantTotal: number | null;
                                unexpectedItems: string[];
                            };
                            sha256: string;
                            syncAt: string;
                            syncRunId: number;
                        } | null;
                        stageCount: number;
                        /** @enum {string} */
                        status: "draft" | "active" | "closed";
                    };
                };
            };
        };
    };
    advanceReviewCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        closedAt: string | null;
                        connectorId: string;
                        connectorName: string | null;
                        createdAt: string;
                        createdBy: string;
                        /** @description The open stage (1-based) while active */
                        currentStage: number | null;
                        description: string;
                        dueAt: string | null;
                        id: string;
                        launchedAt: string | null;
                        name: string;
                        options: {
                            /**
                             * Format: date-time
                             * @default null
                             */
                            endsAt: string | null;
                            /** @default 2 */
                            escalateAfterDays: number | null;
                            /** @default 90 */
                            granterLookbackDays: number;
                            /** @default 86400 */
                            maxSyncAgeSeconds: number;
                            /**
                             * Format: date-time
                             * @default null
                             */
                            recurrenceAt: string | null;
                            /**
                             * Format: uuid
                             * @default null
                             */
                            recurrenceOf: string | null;
                            /** @default false */
                            remediateImmediately: boolean;
                            /** @default true */
                            remindDailyAfterDue: boolean;
                            /**
                             * @default [
                             *       3
                             *     ]
                             */
                            reminderDaysBeforeDue: number[];
                            /** @default false */
                            requireCommentOnKeep: boolean;
                        };
                        progress: {
                            decided: number;
                            items: number;
                            kept: number;
                            notReviewed: number;
                            pending: number;
                            remediated: number;
                            revoked: number;
                            unremediated: number;
                        };
                        recurrenceCron: string | null;
                        /** @description The reviewer plan as created: stages of policies, fallback, administrators */
                        reviewerPlan: {
                            fallbackPersonId: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The scope as created (filters in docs/access-reviews.md) */
                        scope: {
                            connectorId: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The completeness proof: N items from sync #R at T, reconciled or not. Null before launch */
                        snapshot: {
                            itemCount: number;
                            reconciliation: {
                                indirect: number;
                                missingItems: string[];
                                populationTotal: number;
                                reconciled: boolean;
                                rows: {
                                    /** @description Grants left out, by the scope filter (or `notReviewable`) that left them out */
                                    excluded: {
                                        [key: string]: number;
                                    };
                                    excludedByScope: number;
                                    inCampaign: number;
                                    inSync: number;
                                    /** @enum {string} */
                                    type: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust" | "not_reviewable";
                                    unexplained: number;
                                }[];
                                syncGrantTotal: number | null;
                                unexpectedItems: string[];
                            };
                            sha256: string;
                            syncAt: string;
                            syncRunId: number;
                        } | null;
                        stageCount: number;
                        /** @enum {string} */
                        status: "draft" | "active" | "closed";
                    };
                };
            };
        };
    };
    closeReviewCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        closedAt: string | null;
                        connectorId: string;
                        connectorName: string | null;
                        createdAt: string;
                        createdBy: string;
                        /** @description The open stage (1-based) while active */
                        currentStage: number | null;
                        description: string;
                        dueAt: string | null;
                        id: string;
                        launchedAt: string | null;
                        name: string;
                        options: {
                            /**
                             * Format: date-time
                             * @default null
                             */
                            endsAt: string | null;
                            /** @default 2 */
                            escalateAfterDays: number | null;
                            /** @default 90 */
                            granterLookbackDays: number;
                            /** @default 86400 */
                            maxSyncAgeSeconds: number;
                            /**
                             * Format: date-time
                             * @default null
                             */
                            recurrenceAt: string | null;
                            /**
                             * Format: uuid
                             * @default null
                             */
                            recurrenceOf: string | null;
                            /** @default false */
                            remediateImmediately: boolean;
                            /** @default true */
                            remindDailyAfterDue: boolean;
                            /**
                             * @default [
                             *       3
                             *     ]
                             */
                            reminderDaysBeforeDue: number[];
                            /** @default false */
                            requireCommentOnKeep: boolean;
                        };
                        progress: {
                            decided: number;
                            items: number;
                            kept: number;
                            notReviewed: number;
                            pending: number;
                            remediated: number;
                            revoked: number;
                            unremediated: number;
                        };
                        recurrenceCron: string | null;
                        /** @description The reviewer plan as created: stages of policies, fallback, administrators */
                        reviewerPlan: {
                            fallbackPersonId: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The scope as created (filters in docs/access-reviews.md) */
                        scope: {
                            connectorId: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The completeness proof: N items from sync #R at T, reconciled or not. Null before launch */
                        snapshot: {
                            itemCount: number;
                            reconciliation: {
                                indirect: number;
                                missingItems: string[];
                                populationTotal: number;
                                reconciled: boolean;
                                rows: {
                                    /** @description Grants left out, by the scope filter (or `notReviewable`) that left them out */
                                    excluded: {
                                        [key: string]: number;
                                    };
                                    excludedByScope: number;
                                    inCampaign: number;
                                    inSync: number;
                                    /** @enum {string} */
                                    type: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust" | "not_reviewable";
                                    unexplained: number;
                                }[];
                                syncGrantTotal: number | null;
                                unexpectedItems: string[];
                            };
                            sha256: string;
                            syncAt: string;
                            syncRunId: number;
                        } | null;
                        stageCount: number;
                        /** @enum {string} */
                        status: "draft" | "active" | "closed";
                    };
                };
            };
        };
    };
    exportReviewCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    exportReviewJson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            campaignId: string;
                            campaignName: string;
                            comment: string | null;
                            decidedAt: string | null;
                            /** @enum {string|null} */
                            decision: "keep" | "revoke" | null;
                            entitlement: string | null;
                            itemId: string;
                            key: string;
                            /** @enum {string} */
                            kind: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust";
                            observedAt: string | null;
                            observedSyncRunId: number | null;
                            outcome: string;
                            personEmail: string | null;
                            principalId: string;
                            principalName: string | null;
                            principalType: string;
                            /** @description `from → to (reason)` per step, in order */
                            reassignments: string;
                            /** @enum {string|null} */
                            remediationState: "pending" | "task_queued" | "task_failed" | "manual" | "remediated" | "reappeared" | null;
                            remediationTaskId: string | null;
                            resourceId: string;
                            resourceName: string | null;
                            resourceType: string;
                            reviewerEmail: string | null;
                            reviewerName: string | null;
                            stage: number;
                        }[];
                    };
                };
            };
        };
    };
    listReviewItems: {
        parameters: {
            query?: {
                decision?: "keep" | "revoke" | "undecided";
                kind?: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust";
                limit?: number;
                offset?: number;
                outcome?: "pending" | "kept" | "revoked" | "not_reviewed";
                principalId?: string;
                privileged?: "true" | "false";
                /** @description true: only items whose Revoke is being carried out; false: only the others (what a bulk decision takes) */
                remediating?: "true" | "false";
                resourceId?: string;
                reviewerPersonId?: string;
                /** @description Text in the principal, resource or entitlement name (case-insensitive) */
                search?: string;
                stage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            campaignId: string;
                            /** @description The campaign the item belongs to (My reviews lists items across campaigns) */
                            campaignName: string;
                            comment: string | null;
                            /** @description What the grant brings: a membership's accounts and permission sets through the group; a group assignment's member count */
                            confers: {
                                accounts?: {
                                    accountId: string;
                                    accountName: string | null;
                                    permissionSet: string | null;
                                }[];
                                memberCount?: number;
                            };
                            decidedAt: string | null;
                            /** @enum {string|null} */
                            decision: "keep" | "revoke" | null;
                            entitlement: {
                                name: string | null;
                                slug: string;
                            };
                            id: string;
                            key: string;
                            /** @enum {string} */
                            kind: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust";
                            noEligibleReviewer: boolean;
                            /** @enum {string} */
                            outcome: "pending" | "kept" | "revoked" | "not_reviewed";
                            person: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            } | null;
                            /** @enum {string|null} */
                            policy: "manager" | "owner" | "named" | "fallback" | "administrator" | null;
                            principal: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
                            privileged: boolean | null;
                            remediation: {
                                /** @description The AWS request id the task saved for its change, where AWS gives one (an account assignment's deletion); as the campaign's evidence report shows it */
                                awsRequestId: string | null;
                                manual: boolean;
                                /** @description When an administrator said the manual removal is done (a sync that started after it proves it) */
                                manualMarkedAt: string | null;
                                /** @description Who said so (user:<id>, token:<id>, cli:<os user>) */
                                manualMarkedBy: string | null;
                                /** @description That user's name, when a user */
                                manualMarkedByName: string | null;
                                observedAt: string | null;
                                observedRunId: number | null;
                                reappearedRunId: number | null;
                                /** @description Why the revoke is not remediated when its task failed (state task_failed): the task's error */
                                reason: string | null;
                                since: string;
                                /** @enum {string} */
                                state: "pending" | "task_queued" | "task_failed" | "manual" | "remediated" | "reappeared";
                                taskId: string | null;
                                taskStatus: string | null;
                            } | null;
                            resource: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
                            reviewer: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            } | null;
                            riskFlags: ("privileged" | "inactive" | "no_matching_person" | "granted_since_last_campaign")[];
                            stage: number;
                        }[];
                        /** @description Items matching the filters, for paging */
                        total: number;
                    };
                };
            };
        };
    };
    launchReviewCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        closedAt: string | null;
                        connectorId: string;
                        connectorName: string | null;
                        createdAt: string;
                        createdBy: string;
                        /** @description The open stage (1-based) while active */
                        currentStage: number | null;
                        description: string;
                        dueAt: string | null;
                        id: string;
                        launchedAt: string | null;
                        name: string;
                        options: {
                            /**
                             * Format: date-time
                             * @default null
                             */
                            endsAt: string | null;
                            /** @default 2 */
                            escalateAfterDays: number | null;
                            /** @default 90 */
                            granterLookbackDays: number;
                            /** @default 86400 */
                            maxSyncAgeSeconds: number;
                            /**
                             * Format: date-time
                             * @default null
                             */
                            recurrenceAt: string | null;
                            /**
                             * Format: uuid
                             * @default null
                             */
                            recurrenceOf: string | null;
                            /** @default false */
                            remediateImmediately: boolean;
                            /** @default true */
                            remindDailyAfterDue: boolean;
                            /**
                             * @default [
                             *       3
                             *     ]
                             */
                            reminderDaysBeforeDue: number[];
                            /** @default false */
                            requireCommentOnKeep: boolean;
                        };
                        progress: {
                            decided: number;
                            items: number;
                            kept: number;
                            notReviewed: number;
                            pending: number;
                            remediated: number;
                            revoked: number;
                            unremediated: number;
                        };
                        recurrenceCron: string | null;
                        /** @description The reviewer plan as created: stages of policies, fallback, administrators */
                        reviewerPlan: {
                            fallbackPersonId: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The scope as created (filters in docs/access-reviews.md) */
                        scope: {
                            connectorId: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The completeness proof: N items from sync #R at T, reconciled or not. Null before launch */
                        snapshot: {
                            itemCount: number;
                            reconciliation: {
                                indirect: number;
                                missingItems: string[];
                                populationTotal: number;
                                reconciled: boolean;
                                rows: {
                                    /** @description Grants left out, by the scope filter (or `notReviewable`) that left them out */
                                    excluded: {
                                        [key: string]: number;
                                    };
                                    excludedByScope: number;
                                    inCampaign: number;
                                    inSync: number;
                                    /** @enum {string} */
                                    type: "sso_group_membership" | "permission_set_assignment" | "iam_group_membership" | "role_trust" | "not_reviewable";
                                    unexplained: number;
                                }[];
                                syncGrantTotal: number | null;
                                unexpectedItems: string[];
                            };
                            sha256: string;
                            syncAt: string;
                            syncRunId: number;
                        } | null;
                        stageCount: number;
                        /** @enum {string} */
                        status: "draft" | "active" | "closed";
                    };
                };
            };
        };
    };
    reassignReviewItems: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    itemIds: string[];
                    reason: string;
                    /** Format: uuid */
                    toPersonId: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        reassigned: number;
                    };
                };
            };
        };
    };
    getReviewStatistics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        decided: number;
                        items: number;
                        medianSecondsPerDecision: number | null;
                        /** @description Undecided item-stages of a closed stage or a closed campaign */
                        notReviewed: number;
                        /** @description Undecided item-stages of the stage open now */
                        pending: number;
                        reviewers: {
                            decided: number;
                            items: number;
                            kept: number;
                            medianSecondsPerDecision: number | null;
                            notReviewed: number;
                            pending: number;
                            reviewerPersonId: string;
                            revoked: number;
                            /** @description Every decision Keep, many of them, each within seconds: shown, never blocking */
                            rubberStamp: boolean;
                        }[];
                        /** @description Item-stages nobody is eligible to review */
                        unassigned: number;
                    };
                };
            };
        };
    };
    findReviewPeople: {
        parameters: {
            query: {
                limit?: number;
                /** @description Part of a display name, email or user name */
                search: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            displayName: string;
                            email: string | null;
                            id: string;
                        }[];
                    };
                };
            };
        };
    };
    previewReviewCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default  */
                    description?: string;
                    /** @default null */
                    dueAt?: unknown;
                    name: string;
                    /** @default {} */
                    options?: {
                        /**
                         * Format: date-time
                         * @default null
                         */
                        endsAt?: string | null;
                        /** @default 2 */
                        escalateAfterDays?: number | null;
                        /** @default 90 */
                        granterLookbackDays?: number;
                        /** @default 86400 */
                        maxSyncAgeSeconds?: number;
                        /**
                         * Format: date-time
                         * @default null
                         */
                        recurrenceAt?: string | null;
                        /**
                         * Format: uuid
                         * @default null
                         */
                        recurrenceOf?: string | null;
                        /** @default false */
                        remediateImmediately?: boolean;
                        /** @default true */
                        remindDailyAfterDue?: boolean;
                        /**
                         * @default [
                         *       3
                         *     ]
                         */
                        reminderDaysBeforeDue?: number[];
                        /** @default false */
                        requireCommentOnKeep?: boolean;
                    };
                    /** @default null */
                    recurrenceCron?: string | null;
                    reviewerPlan: {
                        /** @default [] */
                        administratorPersonIds?: string[];
                        /** @default false */
                        excludeGranters?: boolean;
                        /** Format: uuid */
                        fallbackPersonId: string;
                        stages: {
                            policies: ({
                                /** @enum {string} */
                                kind: "manager";
                            } | {
                                /** @default false */
                                includeTagOwners?: boolean;
                                /** @enum {string} */
                                kind: "owner";
                            } | {
                                /** @enum {string} */
                                kind: "named";
                                personIds?: string[];
                                /** @enum {string} */
                                rrcuGroup?: "super_admin" | "connector_admin" | "auditor";
                            })[];
                        }[];
                    };
                    scope: {
                        accountIds?: string[];
                        /** Format: uuid */
                        connectorId: string;
                        groupIds?: string[];
                        ouPaths?: string[];
                        people?: {
                            /** @enum {string} */
                            mode: "all";
                        } | {
                            /** @enum {string} */
                            mode: "named";
                            personIds: string[];
                        } | {
                            /** @enum {string} */
                            mode: "unmatched";
                        } | {
                            /** @enum {string} */
                            mode: "inactive";
                        };
                        permissionSetArns?: string[];
                        principalTypes?: ("iam_user" | "sso_user" | "sso_group" | "iam_role")[];
                        privilegedOnly?: boolean;
                        resourceTypes?: ("account" | "sso_group" | "iam_group" | "iam_role")[];
                    };
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        byKind: {
                            [key: string]: number;
                        };
                        byReviewer: {
                            items: number;
                            reviewer: {
                                displayName: string;
                                email: string | null;
                                id: string;
                            } | null;
                        }[];
                        itemCount: number;
                        noEligibleReviewer: number;
                        selfReviewReassignments: number;
                        syncRunId: number | null;
                    };
                };
            };
        };
    };
    search: {
        parameters: {
            query: {
                /** @description At most this many of each kind */
                limit?: number;
                q: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            detail: string;
                            /**
                             * @description The GET /api/access parameter `value` goes in
                             * @enum {string}
                             */
                            kind: "person" | "principal" | "account" | "group" | "permissionSet";
                            label: string;
                            value: string;
                        }[];
                    };
                };
            };
        };
    };
    slackInteraction: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @description Slack's interaction payload, JSON */
                    payload: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Empty, or a modal's errors (response_action: errors) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listSyncs: {
        parameters: {
            query?: {
                connectorId?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            apiCalls: {
                                operations: {
                                    calls: number;
                                    operation: string;
                                    /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                    retries: {
                                        network: number;
                                        serverError: number;
                                        throttled: number;
                                    };
                                }[];
                                /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                retries: {
                                    network: number;
                                    serverError: number;
                                    throttled: number;
                                };
                                /** @description Throttled attempts that were retried */
                                throttled: number;
                                total: number;
                            };
                            /** @description What the snapshot changed */
                            changes: {
                                [key: string]: number;
                            };
                            connectorId: string;
                            connectorName: string;
                            /** @description Items seen per kind and resource type, e.g. `resource:iam_user`, `grant` */
                            counts: {
                                [key: string]: number;
                            };
                            durationMs: number | null;
                            error: {
                                code: string;
                                fix?: string;
                                message: string;
                            } | null;
                            finishedAt: string | null;
                            /** @description The last sign of life of the run: a running sync writes it at least every 15 s */
                            heartbeatAt: string;
                            id: number;
                            /** @description What a running sync is doing now; null once it has finished */
                            progress: {
                                apiCalls: number;
                                detail?: string;
                                /** @description Items stored so far in this attempt */
                                items: number;
                                /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                retries?: {
                                    network: number;
                                    serverError: number;
                                    throttled: number;
                                };
                                stage: string;
                                throttled: number;
                            } | null;
                            /** @description Running, yet silent for more than 60 s: its process most likely died (crash, kill, restart), and the next sync of the connector resumes it */
                            stale: boolean;
                            startedAt: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "failed";
                            warnings: {
                                code: string;
                                fix?: string;
                                message: string;
                            }[];
                        }[];
                    };
                };
            };
        };
    };
    getSync: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiCalls: {
                            operations: {
                                calls: number;
                                operation: string;
                                /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                                retries: {
                                    network: number;
                                    serverError: number;
                                    throttled: number;
                                };
                            }[];
                            /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                            retries: {
                                network: number;
                                serverError: number;
                                throttled: number;
                            };
                            /** @description Throttled attempts that were retried */
                            throttled: number;
                            total: number;
                        };
                        /** @description What the snapshot changed */
                        changes: {
                            [key: string]: number;
                        };
                        connectorId: string;
                        connectorName: string;
                        /** @description Items seen per kind and resource type, e.g. `resource:iam_user`, `grant` */
                        counts: {
                            [key: string]: number;
                        };
                        durationMs: number | null;
                        error: {
                            code: string;
                            fix?: string;
                            message: string;
                        } | null;
                        finishedAt: string | null;
                        /** @description The last sign of life of the run: a running sync writes it at least every 15 s */
                        heartbeatAt: string;
                        id: number;
                        /** @description What a running sync is doing now; null once it has finished */
                        progress: {
                            apiCalls: number;
                            detail?: string;
                            /** @description Items stored so far in this attempt */
                            items: number;
                            /** @description Retried attempts by cause: throttled, after a 5xx answer, after a dropped connection or timeout */
                            retries?: {
                                network: number;
                                serverError: number;
                                throttled: number;
                            };
                            stage: string;
                            throttled: number;
                        } | null;
                        /** @description Running, yet silent for more than 60 s: its process most likely died (crash, kill, restart), and the next sync of the connector resumes it */
                        stale: boolean;
                        startedAt: string;
                        /** @enum {string} */
                        status: "running" | "succeeded" | "failed";
                        warnings: {
                            code: string;
                            fix?: string;
                            message: string;
                        }[];
                    };
                };
            };
        };
    };
    getSyncDiff: {
        parameters: {
            query?: {
                /** @description Most rows per list */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entitlements: {
                            added: {
                                /** @description The provisioning task that made the change; null: made outside RRCU */
                                cause: {
                                    /** @enum {string} */
                                    action: "grant" | "revoke";
                                    /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                    actor: string;
                                    /** @description The user or API token behind `actor`, when it is one */
                                    actorName: string | null;
                                    /** @description The sync run that saw the change in AWS */
                                    observedRunId: number;
                                    reason: string | null;
                                    taskId: string;
                                    /** @enum {string} */
                                    trigger: "manual" | "review" | "request" | "expiry";
                                    /** @description The review decision or access request behind it */
                                    triggerRef: string | null;
                                } | null;
                                /** @description resource and entitlement: its name; grant: the principal's name */
                                displayName: string | null;
                                /** @description grant only */
                                entitlementKey?: string;
                                /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                entitlementName?: string | null;
                                /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                externalId: string;
                                id: number;
                                /** @description The stable key; people read `summary` */
                                key: string;
                                /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                parentName?: string | null;
                                /** @description grant only: the id of the resource the entitlement is on */
                                resourceExternalId?: string;
                                /** @description entitlement and grant: the name of the resource the entitlement is on */
                                resourceName?: string | null;
                                /** @description grant only: the type of the resource the entitlement is on */
                                resourceType?: string;
                                /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                summary: string;
                                /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                type: string;
                                /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                typeName: string | null;
                                /** @description grant only: the group it comes through */
                                via?: string | null;
                                /** @description grant only: that group's name */
                                viaName?: string | null;
                            }[];
                            changed: {
                                /** @description The version before the change */
                                before?: {
                                    /** @description The provisioning task that made the change; null: made outside RRCU */
                                    cause: {
                                        /** @enum {string} */
                                        action: "grant" | "revoke";
                                        /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                        actor: string;
                                        /** @description The user or API token behind `actor`, when it is one */
                                        actorName: string | null;
                                        /** @description The sync run that saw the change in AWS */
                                        observedRunId: number;
                                        reason: string | null;
                                        taskId: string;
                                        /** @enum {string} */
                                        trigger: "manual" | "review" | "request" | "expiry";
                                        /** @description The review decision or access request behind it */
                                        triggerRef: string | null;
                                    } | null;
                                    /** @description resource and entitlement: its name; grant: the principal's name */
                                    displayName: string | null;
                                    /** @description grant only */
                                    entitlementKey?: string;
                                    /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                    entitlementName?: string | null;
                                    /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                    externalId: string;
                                    id: number;
                                    /** @description The stable key; people read `summary` */
                                    key: string;
                                    /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                    parentName?: string | null;
                                    /** @description grant only: the id of the resource the entitlement is on */
                                    resourceExternalId?: string;
                                    /** @description entitlement and grant: the name of the resource the entitlement is on */
                                    resourceName?: string | null;
                                    /** @description grant only: the type of the resource the entitlement is on */
                                    resourceType?: string;
                                    /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                    summary: string;
                                    /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                    type: string;
                                    /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                    typeName: string | null;
                                    /** @description grant only: the group it comes through */
                                    via?: string | null;
                                    /** @description grant only: that group's name */
                                    viaName?: string | null;
                                };
                                /** @description The provisioning task that made the change; null: made outside RRCU */
                                cause: {
                                    /** @enum {string} */
                                    action: "grant" | "revoke";
                                    /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                    actor: string;
                                    /** @description The user or API token behind `actor`, when it is one */
                                    actorName: string | null;
                                    /** @description The sync run that saw the change in AWS */
                                    observedRunId: number;
                                    reason: string | null;
                                    taskId: string;
                                    /** @enum {string} */
                                    trigger: "manual" | "review" | "request" | "expiry";
                                    /** @description The review decision or access request behind it */
                                    triggerRef: string | null;
                                } | null;
                                /** @description resource and entitlement: its name; grant: the principal's name */
                                displayName: string | null;
                                /** @description grant only */
                                entitlementKey?: string;
                                /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                entitlementName?: string | null;
                                /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                externalId: string;
                                id: number;
                                /** @description The stable key; people read `summary` */
                                key: string;
                                /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                parentName?: string | null;
                                /** @description grant only: the id of the resource the entitlement is on */
                                resourceExternalId?: string;
                                /** @description entitlement and grant: the name of the resource the entitlement is on */
                                resourceName?: string | null;
                                /** @description grant only: the type of the resource the entitlement is on */
                                resourceType?: string;
                                /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                summary: string;
                                /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                type: string;
                                /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                typeName: string | null;
                                /** @description grant only: the group it comes through */
                                via?: string | null;
                                /** @description grant only: that group's name */
                                viaName?: string | null;
                            }[];
                            /** @description Whole counts; the lists stop at `limit` */
                            counts: {
                                added: number;
                                changed: number;
                                removed: number;
                            };
                            removed: {
                                /** @description The provisioning task that made the change; null: made outside RRCU */
                                cause: {
                                    /** @enum {string} */
                                    action: "grant" | "revoke";
                                    /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                    actor: string;
                                    /** @description The user or API token behind `actor`, when it is one */
                                    actorName: string | null;
                                    /** @description The sync run that saw the change in AWS */
                                    observedRunId: number;
                                    reason: string | null;
                                    taskId: string;
                                    /** @enum {string} */
                                    trigger: "manual" | "review" | "request" | "expiry";
                                    /** @description The review decision or access request behind it */
                                    triggerRef: string | null;
                                } | null;
                                /** @description resource and entitlement: its name; grant: the principal's name */
                                displayName: string | null;
                                /** @description grant only */
                                entitlementKey?: string;
                                /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                entitlementName?: string | null;
                                /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                externalId: string;
                                id: number;
                                /** @description The stable key; people read `summary` */
                                key: string;
                                /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                parentName?: string | null;
                                /** @description grant only: the id of the resource the entitlement is on */
                                resourceExternalId?: string;
                                /** @description entitlement and grant: the name of the resource the entitlement is on */
                                resourceName?: string | null;
                                /** @description grant only: the type of the resource the entitlement is on */
                                resourceType?: string;
                                /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                summary: string;
                                /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                type: string;
                                /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                typeName: string | null;
                                /** @description grant only: the group it comes through */
                                via?: string | null;
                                /** @description grant only: that group's name */
                                viaName?: string | null;
                            }[];
                        };
                        fromRunId: number | null;
                        grants: {
                            added: {
                                /** @description The provisioning task that made the change; null: made outside RRCU */
                                cause: {
                                    /** @enum {string} */
                                    action: "grant" | "revoke";
                                    /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                    actor: string;
                                    /** @description The user or API token behind `actor`, when it is one */
                                    actorName: string | null;
                                    /** @description The sync run that saw the change in AWS */
                                    observedRunId: number;
                                    reason: string | null;
                                    taskId: string;
                                    /** @enum {string} */
                                    trigger: "manual" | "review" | "request" | "expiry";
                                    /** @description The review decision or access request behind it */
                                    triggerRef: string | null;
                                } | null;
                                /** @description resource and entitlement: its name; grant: the principal's name */
                                displayName: string | null;
                                /** @description grant only */
                                entitlementKey?: string;
                                /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                entitlementName?: string | null;
                                /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                externalId: string;
                                id: number;
                                /** @description The stable key; people read `summary` */
                                key: string;
                                /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                parentName?: string | null;
                                /** @description grant only: the id of the resource the entitlement is on */
                                resourceExternalId?: string;
                                /** @description entitlement and grant: the name of the resource the entitlement is on */
                                resourceName?: string | null;
                                /** @description grant only: the type of the resource the entitlement is on */
                                resourceType?: string;
                                /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                summary: string;
                                /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                type: string;
                                /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                typeName: string | null;
                                /** @description grant only: the group it comes through */
                                via?: string | null;
                                /** @description grant only: that group's name */
                                viaName?: string | null;
                            }[];
                            changed: {
                                /** @description The version before the change */
                                before?: {
                                    /** @description The provisioning task that made the change; null: made outside RRCU */
                                    cause: {
                                        /** @enum {string} */
                                        action: "grant" | "revoke";
                                        /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                        actor: string;
                                        /** @description The user or API token behind `actor`, when it is one */
                                        actorName: string | null;
                                        /** @description The sync run that saw the change in AWS */
                                        observedRunId: number;
                                        reason: string | null;
                                        taskId: string;
                                        /** @enum {string} */
                                        trigger: "manual" | "review" | "request" | "expiry";
                                        /** @description The review decision or access request behind it */
                                        triggerRef: string | null;
                                    } | null;
                                    /** @description resource and entitlement: its name; grant: the principal's name */
                                    displayName: string | null;
                                    /** @description grant only */
                                    entitlementKey?: string;
                                    /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                    entitlementName?: string | null;
                                    /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                    externalId: string;
                                    id: number;
                                    /** @description The stable key; people read `summary` */
                                    key: string;
                                    /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                    parentName?: string | null;
                                    /** @description grant only: the id of the resource the entitlement is on */
                                    resourceExternalId?: string;
                                    /** @description entitlement and grant: the name of the resource the entitlement is on */
                                    resourceName?: string | null;
                                    /** @description grant only: the type of the resource the entitlement is on */
                                    resourceType?: string;
                                    /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                    summary: string;
                                    /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                    type: string;
                                    /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                    typeName: string | null;
                                    /** @description grant only: the group it comes through */
                                    via?: string | null;
                                    /** @description grant only: that group's name */
                                    viaName?: string | null;
                                };
                                /** @description The provisioning task that made the change; null: made outside RRCU */
                                cause: {
                                    /** @enum {string} */
                                    action: "grant" | "revoke";
                                    /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                    actor: string;
                                    /** @description The user or API token behind `actor`, when it is one */
                                    actorName: string | null;
                                    /** @description The sync run that saw the change in AWS */
                                    observedRunId: number;
                                    reason: string | null;
                                    taskId: string;
                                    /** @enum {string} */
                                    trigger: "manual" | "review" | "request" | "expiry";
                                    /** @description The review decision or access request behind it */
                                    triggerRef: string | null;
                                } | null;
                                /** @description resource and entitlement: its name; grant: the principal's name */
                                displayName: string | null;
                                /** @description grant only */
                                entitlementKey?: string;
                                /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                entitlementName?: string | null;
                                /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                externalId: string;
                                id: number;
                                /** @description The stable key; people read `summary` */
                                key: string;
                                /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                parentName?: string | null;
                                /** @description grant only: the id of the resource the entitlement is on */
                                resourceExternalId?: string;
                                /** @description entitlement and grant: the name of the resource the entitlement is on */
                                resourceName?: string | null;
                                /** @description grant only: the type of the resource the entitlement is on */
                                resourceType?: string;
                                /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                summary: string;
                                /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                type: string;
                                /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                typeName: string | null;
                                /** @description grant only: the group it comes through */
                                via?: string | null;
                                /** @description grant only: that group's name */
                                viaName?: string | null;
                            }[];
                            /** @description Whole counts; the lists stop at `limit` */
                            counts: {
                                added: number;
                                changed: number;
                                removed: number;
                            };
                            removed: {
                                /** @description The provisioning task that made the change; null: made outside RRCU */
                                cause: {
                                    /** @enum {string} */
                                    action: "grant" | "revoke";
                                    /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                    actor: string;
                                    /** @description The user or API token behind `actor`, when it is one */
                                    actorName: string | null;
                                    /** @description The sync run that saw the change in AWS */
                                    observedRunId: number;
                                    reason: string | null;
                                    taskId: string;
                                    /** @enum {string} */
                                    trigger: "manual" | "review" | "request" | "expiry";
                                    /** @description The review decision or access request behind it */
                                    triggerRef: string | null;
                                } | null;
                                /** @description resource and entitlement: its name; grant: the principal's name */
                                displayName: string | null;
                                /** @description grant only */
                                entitlementKey?: string;
                                /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                entitlementName?: string | null;
                                /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                externalId: string;
                                id: number;
                                /** @description The stable key; people read `summary` */
                                key: string;
                                /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                parentName?: string | null;
                                /** @description grant only: the id of the resource the entitlement is on */
                                resourceExternalId?: string;
                                /** @description entitlement and grant: the name of the resource the entitlement is on */
                                resourceName?: string | null;
                                /** @description grant only: the type of the resource the entitlement is on */
                                resourceType?: string;
                                /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                summary: string;
                                /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                type: string;
                                /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                typeName: string | null;
                                /** @description grant only: the group it comes through */
                                via?: string | null;
                                /** @description grant only: that group's name */
                                viaName?: string | null;
                            }[];
                        };
                        resources: {
                            added: {
                                /** @description The provisioning task that made the change; null: made outside RRCU */
                                cause: {
                                    /** @enum {string} */
                                    action: "grant" | "revoke";
                                    /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                    actor: string;
                                    /** @description The user or API token behind `actor`, when it is one */
                                    actorName: string | null;
                                    /** @description The sync run that saw the change in AWS */
                                    observedRunId: number;
                                    reason: string | null;
                                    taskId: string;
                                    /** @enum {string} */
                                    trigger: "manual" | "review" | "request" | "expiry";
                                    /** @description The review decision or access request behind it */
                                    triggerRef: string | null;
                                } | null;
                                /** @description resource and entitlement: its name; grant: the principal's name */
                                displayName: string | null;
                                /** @description grant only */
                                entitlementKey?: string;
                                /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                entitlementName?: string | null;
                                /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                externalId: string;
                                id: number;
                                /** @description The stable key; people read `summary` */
                                key: string;
                                /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                parentName?: string | null;
                                /** @description grant only: the id of the resource the entitlement is on */
                                resourceExternalId?: string;
                                /** @description entitlement and grant: the name of the resource the entitlement is on */
                                resourceName?: string | null;
                                /** @description grant only: the type of the resource the entitlement is on */
                                resourceType?: string;
                                /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                summary: string;
                                /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                type: string;
                                /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                typeName: string | null;
                                /** @description grant only: the group it comes through */
                                via?: string | null;
                                /** @description grant only: that group's name */
                                viaName?: string | null;
                            }[];
                            changed: {
                                /** @description The version before the change */
                                before?: {
                                    /** @description The provisioning task that made the change; null: made outside RRCU */
                                    cause: {
                                        /** @enum {string} */
                                        action: "grant" | "revoke";
                                        /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                        actor: string;
                                        /** @description The user or API token behind `actor`, when it is one */
                                        actorName: string | null;
                                        /** @description The sync run that saw the change in AWS */
                                        observedRunId: number;
                                        reason: string | null;
                                        taskId: string;
                                        /** @enum {string} */
                                        trigger: "manual" | "review" | "request" | "expiry";
                                        /** @description The review decision or access request behind it */
                                        triggerRef: string | null;
                                    } | null;
                                    /** @description resource and entitlement: its name; grant: the principal's name */
                                    displayName: string | null;
                                    /** @description grant only */
                                    entitlementKey?: string;
                                    /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                    entitlementName?: string | null;
                                    /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                    externalId: string;
                                    id: number;
                                    /** @description The stable key; people read `summary` */
                                    key: string;
                                    /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                    parentName?: string | null;
                                    /** @description grant only: the id of the resource the entitlement is on */
                                    resourceExternalId?: string;
                                    /** @description entitlement and grant: the name of the resource the entitlement is on */
                                    resourceName?: string | null;
                                    /** @description grant only: the type of the resource the entitlement is on */
                                    resourceType?: string;
                                    /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                    summary: string;
                                    /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                    type: string;
                                    /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                    typeName: string | null;
                                    /** @description grant only: the group it comes through */
                                    via?: string | null;
                                    /** @description grant only: that group's name */
                                    viaName?: string | null;
                                };
                                /** @description The provisioning task that made the change; null: made outside RRCU */
                                cause: {
                                    /** @enum {string} */
                                    action: "grant" | "revoke";
                                    /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                    actor: string;
                                    /** @description The user or API token behind `actor`, when it is one */
                                    actorName: string | null;
                                    /** @description The sync run that saw the change in AWS */
                                    observedRunId: number;
                                    reason: string | null;
                                    taskId: string;
                                    /** @enum {string} */
                                    trigger: "manual" | "review" | "request" | "expiry";
                                    /** @description The review decision or access request behind it */
                                    triggerRef: string | null;
                                } | null;
                                /** @description resource and entitlement: its name; grant: the principal's name */
                                displayName: string | null;
                                /** @description grant only */
                                entitlementKey?: string;
                                /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                entitlementName?: string | null;
                                /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                externalId: string;
                                id: number;
                                /** @description The stable key; people read `summary` */
                                key: string;
                                /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                parentName?: string | null;
                                /** @description grant only: the id of the resource the entitlement is on */
                                resourceExternalId?: string;
                                /** @description entitlement and grant: the name of the resource the entitlement is on */
                                resourceName?: string | null;
                                /** @description grant only: the type of the resource the entitlement is on */
                                resourceType?: string;
                                /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                summary: string;
                                /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                type: string;
                                /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                typeName: string | null;
                                /** @description grant only: the group it comes through */
                                via?: string | null;
                                /** @description grant only: that group's name */
                                viaName?: string | null;
                            }[];
                            /** @description Whole counts; the lists stop at `limit` */
                            counts: {
                                added: number;
                                changed: number;
                                removed: number;
                            };
                            removed: {
                                /** @description The provisioning task that made the change; null: made outside RRCU */
                                cause: {
                                    /** @enum {string} */
                                    action: "grant" | "revoke";
                                    /** @description Who asked: `user:<id>`, `token:<id>`, `cli:<os user>`, `system` */
                                    actor: string;
                                    /** @description The user or API token behind `actor`, when it is one */
                                    actorName: string | null;
                                    /** @description The sync run that saw the change in AWS */
                                    observedRunId: number;
                                    reason: string | null;
                                    taskId: string;
                                    /** @enum {string} */
                                    trigger: "manual" | "review" | "request" | "expiry";
                                    /** @description The review decision or access request behind it */
                                    triggerRef: string | null;
                                } | null;
                                /** @description resource and entitlement: its name; grant: the principal's name */
                                displayName: string | null;
                                /** @description grant only */
                                entitlementKey?: string;
                                /** @description grant only: `AdministratorAccess on warehouse-prod`, `member of Observability`, `member of Admins in payments-prod` */
                                entitlementName?: string | null;
                                /** @description resource: its id; entitlement: the id of the resource it is on; grant: the principal id */
                                externalId: string;
                                id: number;
                                /** @description The stable key; people read `summary` */
                                key: string;
                                /** @description resource: the account it is in (IAM users, groups, roles); entitlement and grant: that of the resource the entitlement is on */
                                parentName?: string | null;
                                /** @description grant only: the id of the resource the entitlement is on */
                                resourceExternalId?: string;
                                /** @description entitlement and grant: the name of the resource the entitlement is on */
                                resourceName?: string | null;
                                /** @description grant only: the type of the resource the entitlement is on */
                                resourceType?: string;
                                /** @description One readable line: `noah.krishnan — AdministratorAccess on warehouse-prod (via group Observability)` */
                                summary: string;
                                /** @description resource: its type; entitlement: the type of the resource it is on; grant: the principal type */
                                type: string;
                                /** @description What `type` is called (`AWS account`, `Identity Center user`) */
                                typeName: string | null;
                                /** @description grant only: the group it comes through */
                                via?: string | null;
                                /** @description grant only: that group's name */
                                viaName?: string | null;
                            }[];
                        };
                        toRunId: number;
                    };
                };
            };
        };
    };
    getSyncSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description null: no schedule, syncs run when asked for */
                        cron: string | null;
                        next: string[];
                        timezone: string;
                    };
                };
            };
        };
    };
    listTasks: {
        parameters: {
            query?: {
                connectorId?: string;
                limit?: number;
                status?: "pending" | "running" | "succeeded" | "failed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @enum {string} */
                            action: "grant" | "revoke";
                            actor: string;
                            /** @description Who asked, in words; null for system and CLI actors */
                            actorName: string | null;
                            attempts: number;
                            connectorId: string;
                            createdAt: string;
                            entitlement: {
                                displayName: string;
                                key: string;
                                /** @description Its own name, without what it is on: a permission set's name, for one */
                                name: string;
                                resourceDisplayName: string | null;
                                resourceExternalId: string;
                                resourceType: string;
                            };
                            error: {
                                code: string;
                                fix?: string;
                                message: string;
                            } | null;
                            finishedAt: string | null;
                            grantId: number | null;
                            id: string;
                            observedRunId: number | null;
                            /** @enum {string|null} */
                            outcome: "applied" | "already" | null;
                            principal: {
                                displayName: string;
                                externalId: string;
                                type: string;
                            };
                            reason: string | null;
                            requestId: string | null;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "running" | "succeeded" | "failed";
                            /** @enum {string} */
                            trigger: "manual" | "review" | "request" | "expiry";
                            /** @description The review decision or access request behind the change */
                            triggerRef: string | null;
                            verified: boolean | null;
                        }[];
                    };
                };
            };
        };
    };
    requestTask: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    action: "grant" | "revoke";
                    /** @description Connector name or id */
                    connector: string;
                    /** @description `AdministratorAccess on payments-prod`, `member of Billing`, a group name, or an entitlement key */
                    entitlement?: string;
                    /** @description Revoke: the grantId of a row of GET /api/access */
                    grantId?: number;
                    /** @description Principal id (ARN, Identity Center id), user name, email or group name */
                    principal?: string;
                    reason?: string;
                    /** @description The account or group, when `entitlement` is a bare name */
                    resource?: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description An unfinished task already asked for the same change; this is that task */
                        existing: boolean;
                        task: {
                            /** @enum {string} */
                            action: "grant" | "revoke";
                            actor: string;
                            attempts: number;
                            connectorId: string;
                            createdAt: string;
                            entitlement: {
                                displayName: string;
                                key: string;
                                /** @description Its own name, without what it is on: a permission set's name, for one */
                                name: string;
                                resourceDisplayName: string | null;
                                resourceExternalId: string;
                                resourceType: string;
                            };
                            error: {
                                code: string;
                                fix?: string;
                                message: string;
                            } | null;
                            finishedAt: string | null;
                            grantId: number | null;
                            id: string;
                            observedRunId: number | null;
                            /** @enum {string|null} */
                            outcome: "applied" | "already" | null;
                            principal: {
                                displayName: string;
                                externalId: string;
                                type: string;
                            };
                            reason: string | null;
                            requestId: string | null;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "running" | "succeeded" | "failed";
                            /** @enum {string} */
                            trigger: "manual" | "review" | "request" | "expiry";
                            /** @description The review decision or access request behind the change */
                            triggerRef: string | null;
                            verified: boolean | null;
                        };
                    };
                };
            };
        };
    };
    getTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "grant" | "revoke";
                        actor: string;
                        attempts: number;
                        connectorId: string;
                        createdAt: string;
                        entitlement: {
                            displayName: string;
                            key: string;
                            /** @description Its own name, without what it is on: a permission set's name, for one */
                            name: string;
                            resourceDisplayName: string | null;
                            resourceExternalId: string;
                            resourceType: string;
                        };
                        error: {
                            code: string;
                            fix?: string;
                            message: string;
                        } | null;
                        finishedAt: string | null;
                        grantId: number | null;
                        id: string;
                        observedRunId: number | null;
                        /** @enum {string|null} */
                        outcome: "applied" | "already" | null;
                        principal: {
                            displayName: string;
                            externalId: string;
                            type: string;
                        };
                        reason: string | null;
                        requestId: string | null;
                        startedAt: string | null;
                        /** @enum {string} */
                        status: "pending" | "running" | "succeeded" | "failed";
                        /** @enum {string} */
                        trigger: "manual" | "review" | "request" | "expiry";
                        /** @description The review decision or access request behind the change */
                        triggerRef: string | null;
                        verified: boolean | null;
                    };
                };
            };
        };
    };
    listTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            createdAt: string;
                            /** @description The id of the user who created it; null for tokens made by `rrcu admin create-token` or a removed user */
                            createdBy: string | null;
                            expiresAt: string | null;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            prefix: string;
                            revokedAt: string | null;
                            /** @enum {string} */
                            role: "super_admin" | "connector_admin" | "auditor" | "person";
                        }[];
                    };
                };
            };
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    expiresInDays?: number;
                    name: string;
                    /** @enum {string} */
                    role: "super_admin" | "connector_admin" | "auditor" | "person";
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        item: {
                            createdAt: string;
                            /** @description The id of the user who created it; null for tokens made by `rrcu admin create-token` or a removed user */
                            createdBy: string | null;
                            expiresAt: string | null;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            prefix: string;
                            revokedAt: string | null;
                            /** @enum {string} */
                            role: "super_admin" | "connector_admin" | "auditor" | "person";
                        };
                        token: string;
                    };
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": null;
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            activeSessions: number;
                            createdAt: string;
                            disabled: boolean;
                            displayName: string;
                            email: string | null;
                            id: string;
                            lastSignInAt: string | null;
                            /** @description A local user who has not yet replaced their one-time password */
                            mustChangePassword: boolean;
                            /** @enum {string} */
                            role: "super_admin" | "connector_admin" | "auditor" | "person";
                            roleLabel: string;
                            subject: string;
                            /** @description The name a local user signs in with; null for users of the identity provider */
                            username: string | null;
                        }[];
                    };
                };
            };
        };
    };
    createLocalUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The name shown in RRCU (default: the username) */
                    displayName?: string;
                    /** @description Links the user to the person of the inventory with this email (My access) */
                    email?: string;
                    /** @enum {string} */
                    role: "super_admin" | "connector_admin" | "auditor" | "person";
                    /** @description The name to sign in with: 1–64 lowercase letters, digits, ".", "_" or "-" */
                    username: string;
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Shown once: give it to the user, who must replace it at their first sign-in */
                        oneTimePassword: string;
                        user: {
                            activeSessions: number;
                            createdAt: string;
                            disabled: boolean;
                            displayName: string;
                            email: string | null;
                            id: string;
                            lastSignInAt: string | null;
                            /** @description A local user who has not yet replaced their one-time password */
                            mustChangePassword: boolean;
                            /** @enum {string} */
                            role: "super_admin" | "connector_admin" | "auditor" | "person";
                            roleLabel: string;
                            subject: string;
                            /** @description The name a local user signs in with; null for users of the identity provider */
                            username: string | null;
                        };
                    };
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    disabled?: boolean;
                    /** @enum {string} */
                    role?: "super_admin" | "connector_admin" | "auditor" | "person";
                };
            };
        };
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activeSessions: number;
                        createdAt: string;
                        disabled: boolean;
                        displayName: string;
                        email: string | null;
                        id: string;
                        lastSignInAt: string | null;
                        /** @description A local user who has not yet replaced their one-time password */
                        mustChangePassword: boolean;
                        /** @enum {string} */
                        role: "super_admin" | "connector_admin" | "auditor" | "person";
                        roleLabel: string;
                        subject: string;
                        /** @description The name a local user signs in with; null for users of the identity provider */
                        username: string | null;
                    };
                };
            };
        };
    };
    resetLocalUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Shown once: give it to the user, who must replace it at their first sign-in */
                        oneTimePassword: string;
                        user: {
                            activeSessions: number;
                            createdAt: string;
                            disabled: boolean;
                            displayName: string;
                            email: string | null;
                            id: string;
                            lastSignInAt: string | null;
                            /** @description A local user who has not yet replaced their one-time password */
                            mustChangePassword: boolean;
                            /** @enum {string} */
                            role: "super_admin" | "connector_admin" | "auditor" | "person";
                            roleLabel: string;
                            subject: string;
                            /** @description The name a local user signs in with; null for users of the identity provider */
                            username: string | null;
                        };
                    };
                };
            };
        };
    };
    revokeUserSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            "4XX": components["responses"]["Error"];
            "5XX": components["responses"]["Error"];
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revoked: number;
                    };
                };
            };
        };
    };
}

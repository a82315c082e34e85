"""Every sentence the command line and the console say to a user, in one place."""

APP_HELP = (
    "Attaché: a diplomatic briefing bot. Indexes news articles in SQLite and briefs you "
    "with cited summaries."
)
DB_HELP = "SQLite database file (default: attache.db in your user data directory; ATTACHE_DB)."
JSON_HELP = "Print one JSON object on stdout instead of a table."
VERSION_HELP = "Print the version of Attaché and exit."
VERSION = "attache {version}"
INGEST_HELP = (
    "Ingest articles: plain-text files, HTML pages, RSS/Atom feeds, whole folders "
    "(recursively) and http(s) URLs. Re-ingesting is safe: unchanged articles are skipped, "
    "edited ones updated in place."
)
TARGETS_HELP = "Files, folders, page URLs or feed URLs."
STATS_HELP = "Count articles, passages, entities and sources, and show the date range."
MIGRATE_HELP = (
    "Copy the SQLite database (--db) into an empty PostgreSQL database, then check that every "
    "table holds as many rows on both sides."
)
MIGRATE_TO_HELP = "The PostgreSQL database to copy into: a postgresql:// URL."
MIGRATE_NEEDS_URL = "attache migrate --to takes a postgresql:// URL, not {target}."
MIGRATED = "Copied {articles} articles and {rows} rows in all into {target}; the counts match."
ARTICLES_HELP = "List the stored articles."
SHOW_HELP = "Print one cleaned article: body paragraphs, captions, dates and entities."
ID_HELP = "Article id, as listed by `attache articles`."
ENTITIES_HELP = "List people, organisations, places, topics and events with aliases and roles."
KIND_HELP = "Only this kind: person, organization, place, topic or event."
BAD_KIND = "“{kind}” is no kind of entity; use one of {kinds}."
WHO_HELP = (
    "Brief on a person: roles with dates, country, what they did and said (dated, cited), "
    "who they are often mentioned with, and the sources."
)
TOPIC_HELP = (
    'Brief on a term, acronym or phrase (UNCLOS, "Code of Conduct", COVID-19): what it '
    "stands for, what was said about it and by whom, with sources."
)
ASK_HELP = "Answer a free question from the best-matching passages, with citations."
TIMELINE_HELP = "The dated meetings, calls, visits and summits involving a person or topic."
NAME_HELP = "A name or alias, in any case, with or without diacritics (e.g. Lavrov)."
TERM_HELP = "A term, acronym or phrase (e.g. UNCLOS)."
QUESTION_HELP = "Your question, in quotes."
NAME_OR_TERM_HELP = "A person, organisation or topic (e.g. Lavrov, ASEAN)."
MORE_HELP = "A longer briefing: up to three times as many claims."
OFFLINE_HELP = "Quote the articles even when a language model is configured."
RUN_HELP = (
    "Run the bot. Ingests the seed articles on first start; with no chat tokens configured "
    "it opens a terminal console that takes the same commands."
)

# click shows it as "Invalid value for 'NAME': …", exit 2, as for a missing argument.
BLANK_ARGUMENT = "it is blank; give some text."
BAD_ID = "“{text}” is not an id: a whole number from 0 to {max}."
BAD_SETTING = "{name}={value!r} is not a valid setting: {problem} (see .env.example)"
NO_DATABASE = "no database at {path}; run `attache ingest` first (or give --db)"
NO_SUCH_ARTICLE = "no article with id {id} (see `attache articles`)"
CANNOT_CONNECT = "{name}: cannot connect ({error}). Check the network and the token."
RUNNING = "Attaché is running on {names}. Ctrl-C stops it."
SEEDING = "First start: ingesting the seed articles from {path}"
INTERRUPTED = "Interrupted."
UNEXPECTED = "error: something went wrong inside Attaché; the details are in {log}"

CONSOLE_WELCOME = (
    "Attaché console: no chat platform is configured, so I answer here.\n"
    "Type a command (/help for the list) or just ask a question; Ctrl-D or /quit leaves."
)
CONSOLE_HELP = """In this terminal also:
• /stats — counts and date range
• /articles — the stored articles
• /show ID — one cleaned article
• /entities [KIND] — people, organisations, places, topics, events
• /ingest PATH — add files or folders
• /quit — leave"""
CONSOLE_USAGE = "Usage: {usage}"
CONSOLE_BYE = "Bye."

# -- chat (every platform) ----------------------------------------------------------------

UNKNOWN_COMMAND = "I don't know the command “{name}”. Try `help`."
SOMETHING_WENT_WRONG = "Sorry, something went wrong while answering; the details are in the log."
USAGE = {
    "who": "Usage: who NAME — for example: who Lavrov",
    "topic": "Usage: topic TERM — for example: topic UNCLOS",
    "ask": "Usage: ask QUESTION — for example: ask What did Vietnam ask Russia?",
    "timeline": "Usage: timeline NAME_OR_TERM — for example: timeline Lavrov",
}
CHAT_HELP = """Attaché briefs you on diplomatic news, citing every sentence.
• who NAME — a person: roles, what they did and said, with sources (who Lavrov)
• topic TERM — a term or acronym: what it is, what was said (topic UNCLOS)
• ask QUESTION — a free question (ask What did Vietnam ask Russia?)
• timeline NAME — dated meetings, calls and visits (timeline Lavrov)
• digest subscribe FILTER [SCHEDULE] — scheduled digests here (digest subscribe Lavrov)
• digest list · digest preview [ID | FILTER] · digest now ID · digest unsubscribe ID
• sources — what is indexed, and the feeds and folders watched
• sources poll [ID] — poll one feed or folder now, or all of them (digest admins)
• help — this list
Add --more for a longer briefing."""

# -- replies on every surface (bot/render/view.py) -------------------------------------------

APP_NAME = "Attaché"
TIMELINE_TITLE = "Timeline: {name}"
ALSO = "Also: {names}"
# A role is dated by the articles that give it, which is not a term of office.
AS_REPORTED = "as reported {span}"
# A claim's date when it is the article's publication date, not the date of what it reports.
REPORTED_ON = "reported {date}"
# A date the claim gives to something still to come: never the claim's own date.
ANNOUNCED_FOR = "announced for {date}"
# Reports of one event that give it different dates or places, each with its sources:
# "sources differ: 6 March 2023 [1] · 7 March 2023 [2]".
SOURCES_DIFFER = "sources differ:"
SOURCES_DIFFER_BETWEEN = " · "
# Who made a statement the sentence attributes only to "he" or "she".
SAID_BY = "{name}:"
# The first line of who and topic: "23 articles, 11 events, July 2016 – July 2024".
REACH_ARTICLES = ("{count} article", "{count} articles")
REACH_EVENTS = ("{count} event", "{count} events")
REACH_SPAN = "{first} – {last}"
RELATED_LABEL = "Often with:"
SUGGESTIONS_LABEL = "Entities with a close name:"
SOURCES_TITLE = "Sources"
OUTLET_UNKNOWN = "outlet unknown"
NO_DATELINE = "no dateline"
# A publication date read from where the site files the story (/2024/07/27/), not its text.
DATE_FROM_URL = "{precision}, from its URL"
UNDATED = "undated"
DATE_NOT_GIVEN = "date not given"
# A source not in English says its language: "Interfax, 27 July 2024 · Russian".
IN_LANGUAGE = "{about} · {language}"
LANGUAGE_NAMES = {
    "ru": "Russian",
    "vi": "Vietnamese",
    "fr": "French",
    "id": "Indonesian",
    "ms": "Malay",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "th": "Thai",
    "de": "German",
    "es": "Spanish",
    "pt": "Portuguese",
    "uk": "Ukrainian",
    "ar": "Arabic",
}
MORE_AVAILABLE = "{count} more available: {how}."
# A briefing made with --more that still leaves sentences out (past its word limits).
MORE_LEFT_OUT = "{count} more relevant sentences not shown."
# How each surface's user asks for a longer briefing.
ASK_MORE_FLAG = "add --more"
ASK_MORE_OPTION = "run again with more: True"
SUMMARY_MODE = {
    "extractive": "Summary quoted from the articles.",
    "llm": "Summary written by the language model.",
}
OVERVIEW_TITLE = "What Attaché has indexed"
OUTLETS_LABEL = "Outlets:"

# -- Discord (bot/discord) ------------------------------------------------------------------
# Discord caps command and option descriptions at 100 characters.

DISCORD_WHO = "Brief on a person: roles, what they did and said, with sources."
DISCORD_TOPIC = "Brief on a term or acronym (UNCLOS, ASEAN): what it is and what was said."
DISCORD_ASK = "Ask a free question; the answer cites the articles."
DISCORD_TIMELINE = "Dated meetings, calls, visits and summits of a person or topic."
DISCORD_DIGEST = "The digest of recent diplomatic events."
DISCORD_NAME = "A name or alias, e.g. Lavrov (any case, with or without diacritics)."
DISCORD_TERM = "A term, acronym or phrase, e.g. UNCLOS."
DISCORD_QUESTION = "Your question, e.g. What did Vietnam ask Russia?"
DISCORD_NAME_OR_TERM = "A person, organisation or topic, e.g. Lavrov or ASEAN."
DISCORD_MORE = "A longer briefing: up to three times as many claims."

# -- Slack --------------------------------------------------------------------------------

SLACK_WORKING = "Working on it…"
SLACK_HELP_INTRO = (
    "In Slack: `{command} who Lavrov`, `{command} topic UNCLOS`, or mention me "
    "(`@Attaché who is Lavrov?`); in a direct message, just ask.\n"
)
SLACK_EMPTY_REPLY = "Nothing to show."
SLACK_CUT = (
    "_Cut here: Slack shows at most {limit} private messages for one answer, so {count} more "
    "{messages} did not fit. Ask without --more or more narrowly, or run the same command in "
    "a terminal (`attache …`) to read all of it._"
)
SLACK_NEEDS_BOT_TOKEN = "Slack needs SLACK_BOT_TOKEN (xoxb-…) in the environment or .env."
SLACK_NEEDS_APP_TOKEN = (
    "Slack Socket Mode needs SLACK_APP_TOKEN (an xapp-… app-level token with "
    "connections:write); set it, or set ATTACHE_SLACK_MODE=http with SLACK_SIGNING_SECRET."
)
SLACK_NEEDS_SIGNING_SECRET = (
    "Slack HTTP mode needs SLACK_SIGNING_SECRET (Basic Information → App Credentials); "
    "set it, or use Socket Mode (ATTACHE_SLACK_MODE=socket) with SLACK_APP_TOKEN."
)
SLACK_DIGEST_INVITE_FIRST = (
    "I can't run digests in this channel yet: I'm not a member of it, so I could not check "
    "that a digest went out. Invite me first (type `/invite @Attaché` here), then subscribe "
    "again."
)
SLACK_DIGEST_MISSING_SCOPE = (
    "This Slack app is missing the {scope} scope digests need here. Ask a workspace admin "
    "to reinstall it from deploy/slack-manifest.yaml, then subscribe again."
)
BAD_SLACK_API_URL = "SLACK_API_URL={value!r} is not an http(s) URL (see .env.example)"
SLACK_BAD_APP_TOKEN = "SLACK_APP_TOKEN must be an app-level token starting with xapp-."

# -- starting the platforms ----------------------------------------------------------------

DISCORD_NEEDS_TOKEN = "Discord needs DISCORD_TOKEN (the bot token from the Developer Portal)."
DISCORD_REJECTED_TOKEN = (
    "Discord rejected DISCORD_TOKEN; copy the bot token again from the Developer Portal."
)
SLACK_REJECTED = (
    "Slack refused to start the app ({code}); check SLACK_BOT_TOKEN and SLACK_APP_TOKEN."
)

# -- digests: subscriptions, previews (H-COMMANDS) ------------------------------------------

DIGEST_USAGE = (
    'Usage: digest subscribe FILTER [daily HH:MM | weekly DAY HH:MM | cron "EXPR"] '
    "[TIMEZONE], digest list, digest unsubscribe ID, digest preview [ID | FILTER], "
    "digest now ID."
)
DIGEST_SUBSCRIBE_USAGE = (
    'Usage: digest subscribe FILTER [daily HH:MM | weekly DAY HH:MM | cron "EXPR"] '
    "[TIMEZONE] — for example: digest subscribe Vietnam Russia weekly mon 08:00"
)
DIGEST_ID_USAGE = "Usage: digest {action} ID — the ids are in `digest list`."
DIGEST_BAD_ID = "“{text}” is not a subscription id; the ids are in `digest list`."
DIGEST_NO_SUCH = "There is no subscription {id} here; the ids are in `digest list`."
DIGEST_NOT_ALLOWED = (
    "Only digest admins can {action} digests (Slack: workspace admins and owners, and the "
    "users in ATTACHE_SLACK_ADMINS; Discord: members with Manage Channels here)."
)
DIGEST_SUBSCRIBED = (
    "Subscription {id}: digests of {subject}, {schedule} in this channel. "
    "The first one comes {next}. `digest unsubscribe {id}` stops it."
)
DIGEST_NOWHERE_TO_POST = (
    "Digests are posted only to Slack and Discord channels; here, read them with "
    "`digest preview {id}` or `digest now {id}`."
)
DIGEST_UNSUBSCRIBED = "Subscription {id} ({filter}, {schedule}) is stopped."
DIGEST_NONE = "No digest subscriptions here yet. {usage}"
DIGEST_LIST_HEAD = "Digest subscriptions:"
DIGEST_LIST_LINE = "• {id}: {filter} — {schedule}, next {next}, in {channel}"
DIGEST_THIS_CHANNEL = "this channel"
DIGEST_LIST_UNVERIFIED = (
    "  ⚠ The digest of {window} may be missing: the channel's history could not be read "
    "({reason}), so it was not sent again. {fix}"
)
# What fixes each refusal of a channel's history, by the platform's error code.
DIGEST_LOOKUP_FIXES = {
    "missing_scope": "Reinstall the Slack app from deploy/slack-manifest.yaml (it needs the "
    "channels:history, groups:history and mpim:history scopes).",
    "not_in_channel": "Invite @Attaché to the channel (/invite @Attaché).",
    "channel_not_found": "Invite @Attaché to the channel (/invite @Attaché).",
    "missing_access": "Give Attaché View Channel and Read Message History in the channel.",
    "unknown_channel": "The channel is gone; `digest unsubscribe` the subscription.",
}
DIGEST_LOOKUP_FIX_OTHER = "The bot's log has the details."
DIGEST_PICK_ONE = "This channel has several subscriptions ({ids}); give one: digest preview ID."
DIGEST_PREVIEW_NOTE = "Preview, only for you: the next digest so far."
DIGEST_FILTER_PREVIEW_NOTE = "Preview, only for you: the last 24 hours."
DIGEST_NOW_NOTE = "Asked for now; the scheduled digest still comes as usual."
DIGEST_NOTHING = "Nothing new about {subject} in {window}."
DIGEST_TITLE = "Digest: {subject}"
DIGEST_COMING_UP = "Coming up"
DIGEST_PREVIOUSLY = "Previously ({date}):"
DIGEST_MORE = "{count} more events not shown."
DIGEST_FOOTER = "Quoted from the articles; events ordered by how widely they were reported."
DIGEST_HELP = "Manage and preview digests (subscribe, list, unsubscribe, preview, now)."
DIGEST_SUBSCRIBE_HELP = (
    "Subscribe the local channel (the console's too) to a digest: FILTER, then optionally "
    'daily HH:MM, weekly DAY HH:MM or cron "EXPR", and a timezone.'
)
DIGEST_FILTER_HELP = 'Names or words: Lavrov, "Vietnam Russia", UNCLOS OR "Code of Conduct".'
DIGEST_SCHEDULE_HELP = 'When: daily 08:00, weekly mon 08:00 or cron "0 8 * * 1-5"; then a timezone.'
DIGEST_LIST_HELP = "List the digest subscriptions."
DIGEST_UNSUBSCRIBE_HELP = "Stop a digest subscription."
DIGEST_PREVIEW_HELP = (
    "What the next digest of a subscription would contain so far, or a filter's digest of "
    "the last 24 hours."
)
DIGEST_NOW_HELP = "A subscription's digest of its current window, now (no run is recorded)."
DIGEST_ID_HELP = "Subscription id, as listed by `attache digest list`."
DIGEST_TARGET_HELP = (
    "A subscription id, or a filter for the last 24 hours; none: the local channel's only "
    "subscription."
)

# -- the digest scheduler (H-SCHEDULER) ------------------------------------------------------

DIGEST_CATCHING_UP = "Catching up: {start} – {end} ({zone})."

# -- sources that keep coming (H-SOURCES) ------------------------------------------------------

SOURCES_HELP = "Feeds and folders polled for new articles; with no command, list them."
SOURCES_ADD_HELP = (
    "Register an RSS/Atom feed URL or a folder to poll, and poll it once now: what it already "
    "holds is stored but never announced in a digest."
)
SOURCES_REMOVE_HELP = "Stop polling a source; the articles it brought stay."
SOURCES_TARGET_HELP = "A feed URL, or a folder watched for new files (recursively)."
SOURCES_EVERY_HELP = "How often to poll: 30m, 2h, 1d (default: ATTACHE_POLL_EVERY_MINUTES)."
SOURCES_ID_HELP = "Source id, as listed by `attache sources`."
SOURCES_NONE = "No sources yet: `attache sources add URL_OR_FOLDER` registers one."
SOURCES_ADDED = "Source {id} added: {location} ({kind}, every {every})."
SOURCES_POLL_HELP = (
    "Poll a source now, or every source when no id is given, due or not; prints what each "
    "poll stored, what could not be read, and when the next poll is."
)
SOURCES_POLL_ID_HELP = "Source id, as listed by `attache sources` (default: every source)."
# What a poll did, after `sources add` (its first poll) and `sources poll`.
POLL_FIRST = "First poll"
POLL_SOURCE = "Source {id} ({location})"
POLL_HELD_BACK = (
    "{head}: {stored} stored, held back (what a source holds when first polled is never "
    "announced in digests); next poll at {next}."
)
POLL_STORED = "{head}: {stored}; next poll at {next}."
POLL_UNCHANGED = "{head}: unchanged since the last poll; next poll at {next}."
POLL_FAILED = "{head} failed: {error}; next try at {next}."
POLL_REJECTED = "{entries} could not be read: {reasons}"
POLL_AND_UPDATED = ", {count} updated"
NEW_ARTICLES = ("{count} new article", "{count} new articles")
ENTRIES = ("{count} entry", "{count} entries")
FAILING_ONCE = "failing once"
FAILING_TIMES = "failing {count} times"
SOURCES_USAGE = "Usage: sources, or sources poll [ID] — the ids are in `attache sources`."
SOURCES_POLL_NOT_ALLOWED = (
    "Only digest admins can poll sources (Slack: workspace admins and owners, and the users "
    "in ATTACHE_SLACK_ADMINS)."
)
SOURCES_POLL_UNAVAILABLE = (
    "Polling fetches from the network, which only `attache run` and `attache sources poll` do; "
    "run `attache sources poll [ID]` in a terminal."
)
# Under a failing source's location in `attache sources`: "failing twice: HTTP 503 from …".
SOURCES_FAILING = "{failing}: "
SOURCES_NO_ERROR = "no error recorded"
SOURCES_REMOVED = "Source {id} removed: {location}. Its articles stay."
SOURCES_NEVER = "never"
# A failing source's failures and error are shown under its location (bot/render/sources.py).
SOURCES_COLUMNS = ("id", "kind", "location", "every", "last poll", "next poll")
SOURCES_ZONE = "Times in {zone}."
DISCORD_DIGEST_COMMAND = (
    "subscribe FILTER [daily HH:MM], list, unsubscribe ID, preview [ID | FILTER], now ID."
)

# -- `sources` in chat: the feeds and folders being polled ----------------------------------

WATCHED_TITLE = "Watched feeds and folders"
WATCHED_OK = "{where}: {every}"
# A watched folder as chat shows it: its path on the server is no business of a channel.
WATCHED_FOLDER = "folder #{id}"
WATCHED_FAILING = "{where}: {every}, {failing} ({error})"

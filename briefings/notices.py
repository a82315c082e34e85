"""What briefings say to a user when there is no answer to give, in one place."""

# User text echoed back (a heading, a note) is cut to this many characters and an ellipsis:
# a pasted page must not come back as a heading.
ECHO_CHARS = 80
ECHO_CUT = "…"


def echoed(text: str) -> str:
    """`text` as a reply may quote it back."""
    text = text.strip()
    if len(text) <= ECHO_CHARS:
        return text
    head = text[: ECHO_CHARS + 1]
    # At a word when there is one to cut at; a name without spaces is cut where it stands.
    space = head.rfind(" ")
    return (head[:space] if space > 0 else head[:ECHO_CHARS]).rstrip() + ECHO_CUT


NO_MATCH = "Nothing in the indexed articles matches “{query}”. Try another spelling, or `sources`."
DID_YOU_MEAN = "No exact match for “{query}”. Did you mean one of these?"
AMBIGUOUS = "“{query}” could mean several entities; name one of them."
CORRECTED = "Showing {name}, the closest match to “{query}”."
EMPTY_QUESTION = "Ask a question with at least one word to search for."
NOTHING_FOUND = "The indexed articles do not seem to answer that. Try other words."
NO_EVENTS = "No dated meetings, calls or visits involving {name} were found."
NOTHING_SAID = (
    "{name} is known, but only from headlines or photo captions, which are never quoted as claims."
)
# A topic that names no entity, answered from the passages holding it, closest match first.
NO_ENTITY_PHRASE = "No entity named “{query}” — passages that mention “{query}”:"
NO_ENTITY_PHRASE_NEAR = (
    "No entity named “{query}” — passages that mention “{query}”,"
    " then passages where its words stand close together:"
)
NO_ENTITY_NEAR = "No entity named “{query}” — passages where its words stand close together:"
NO_ENTITY_WORDS = "No entity named “{query}” — passages with all its words:"
NO_ENTITY_STORY = "No entity named “{query}” — articles with all its words, in different passages:"

"""Every length limit, defined once: models, forms, services, the importer and templates use these."""

MAX_QUESTION_LENGTH = 300  # an entry's question (title)
MAX_ANSWER_LENGTH = 50_000  # an entry's answer, in Markdown
MAX_KEYWORDS_LENGTH = 500
MAX_SLUG_LENGTH = 120  # an entry's address: /questions/<slug>/
MAX_QUERY_LENGTH = 200  # a visitor's search
MAX_COMMENT_LENGTH = 1000  # a visitor's comment after "Non"
MIN_VISITOR_QUESTION_LENGTH = 10
MAX_VISITOR_QUESTION_LENGTH = 500
MAX_REASON_LENGTH = 300  # why an editor dismissed a visitor question
MAX_REVIEW_COMMENT_LENGTH = 2000  # why a reviewer sent a proposal back (four-eyes publishing)
MAX_TOKEN_NAME_LENGTH = 100  # an API token's name
MAX_FACET_KEY_LENGTH = 50  # a facet's key, in the site's URLs (?couloir=…)
MAX_FACET_LABEL_LENGTH = 100
MAX_FACET_QUESTION_LENGTH = 200  # "Votre question concerne quel couloir Ségur ?"
MAX_VALUE_SLUG_LENGTH = 80
MAX_VALUE_LABEL_LENGTH = 150
MAX_SYNONYM_TERM_LENGTH = 100  # one term of a synonym group
MAX_ACRONYM_LENGTH = 20  # an acronym administrators set aside (search does not learn it)
MAX_EMAIL_LENGTH = 254  # an address, as RFC 5321 bounds it (an asker's, an account's)
MAX_NAME_LENGTH = 150  # an account's name (Django's), as authors and actors are recorded
MAX_ATTACHMENT_NAME_LENGTH = 150  # an attachment's file name, as shown and downloaded
MAX_ATTACHMENT_TEXT_LENGTH = 250  # an image's alternative text, or a document's link text

from django.apps import AppConfig


class AssistantsConfig(AppConfig):
    name = "guichet.assistants"
    verbose_name = "Assistants (MCP)"

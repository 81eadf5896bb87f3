"""``python -m tonecheck``: the same as the ``tonecheck`` command."""

from .cli import app

if __name__ == "__main__":
    app(prog_name="tonecheck")

"""`python -m reception_app` runs the same command line as `reception-app`."""

from reception_app.cli import main

raise SystemExit(main())

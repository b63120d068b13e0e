from heilongjiang_russia.pipeline.cli import main

raise SystemExit(main())

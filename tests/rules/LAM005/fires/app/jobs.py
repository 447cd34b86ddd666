"""Module app.jobs: it wins over the namespace directory app/jobs/, so the finding is here."""  # expect: LAM005

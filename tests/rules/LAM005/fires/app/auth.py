"""Old auth module, shadowed by the package app/auth/__init__.py."""  # expect: LAM005

"""Legacy code is outside the rules' scope, so it may import anything."""

import requests

SESSION = requests

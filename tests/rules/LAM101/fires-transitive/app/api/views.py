from app.service import orders
from app.service import billing  # expect: LAM101

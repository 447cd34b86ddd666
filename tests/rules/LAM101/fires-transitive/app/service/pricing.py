from app.data import tables

def later():
    from app.b import helper  # expect: LAM102
    from app.b import other

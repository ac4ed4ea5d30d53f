def display_name(user):
    return user.email or user.get_username()

from celery import shared_task

from follow import services


@shared_task
def send_digests():
    return services.send_digests()
